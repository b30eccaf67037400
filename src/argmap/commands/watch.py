"""`argmap build --watch`: build, serve the folder on localhost, and build again on every save to
the maps or the source texts, until Ctrl-C. `watch` says what happens as it happens (events the
CLI prints); the build itself is the CLI's callback, so its progress and report print as usual."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path

import attrs

__all__ = ["Changed", "Serving", "saves", "watch", "watched"]


@attrs.frozen
class Serving:
    """The first build is done and the server is up: `url` serves `output`, `watched` is watched."""

    url: str
    watched: list[str]


@attrs.frozen
class Changed:
    """A save to these files (names); the next build follows when the CLI asks for the next event."""

    names: list[str]


def watch(values: Sequence[str], sources: Path | None, output: Path, port: int, force: bool,
          build: Callable[[bool], bool]) -> Generator[Serving | Changed, None, None]:
    """Build (`build(force)`, True when the corpus built), serve `output` on `port`, then yield
    each save and build again. UsageError when watchfiles is missing, a path is not there or the
    port cannot be had; Ctrl-C (KeyboardInterrupt) ends it, the server stopped."""
    import importlib.util

    from argmap.commands.inputs import UsageError, existing_paths, sources_folders
    from argmap.commands.serve import Builds, serve

    if importlib.util.find_spec("watchfiles") is None:
        raise UsageError("--watch needs the watchfiles package (pip install watchfiles)")
    paths = existing_paths(values)
    folders = sources_folders(paths, sources)
    builds = Builds()

    def once(force: bool) -> None:
        if build(force):
            builds.done += 1   # (read by the server's thread; an int is swapped whole)

    once(force)
    try:
        server = serve(output, port, builds)
    except OSError as exc:
        raise UsageError(f"cannot serve on port {port} ({exc.strerror}); "
                         "choose another with --port") from None
    try:
        yield Serving(f"http://127.0.0.1:{server.server_address[1]}/", watched(paths, folders))
        for names in saves(paths, folders):
            yield Changed(names)
            once(False)
    finally:
        server.shutdown()
        server.server_close()


def saves(paths: Sequence[Path], sources: Path | Sequence[Path] | None) -> Iterator[list[str]]:
    """The names of the files changed by each save, one list per save, until Ctrl-C.

    Map files count, and any visible file in the sources folder; editors' temporary files (a
    leading dot, a trailing ~) do not. ImportError when watchfiles is not installed."""
    import watchfiles

    folders = _folders(sources)

    def relevant(_change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith(".") or name.endswith("~"):
            return False
        in_sources = any(Path(path).resolve().is_relative_to(f) for f in folders)
        return in_sources or Path(path).suffix in (".yaml", ".yml")

    for changes in watchfiles.watch(*watched(paths, sources), watch_filter=relevant):
        yield sorted({Path(path).name for _change, path in changes})


def _folders(sources: Path | Sequence[Path] | None) -> list[Path]:
    """The sources folders that are there (one, several from the corpus's sources_dir, none)."""
    given = [] if sources is None else [sources] if isinstance(sources, Path) else list(sources)
    return [f.resolve() for f in given if f.is_dir()]


def watched(paths: Sequence[Path], sources: Path | Sequence[Path] | None) -> list[str]:
    """What `saves` watches, to tell the user."""
    return [str(p) for p in paths] + [str(f) for f in _folders(sources)]
