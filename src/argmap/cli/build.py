"""`argmap build`: check the corpus, then build diagrams, tables, the site and handouts."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TextIO

__all__ = ["register"]


class _Progress:
    """One plain line per step; on a terminal, one line redrawn in place with a bar."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.drawn = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.live:
            if done == 0:
                print(f"argmap build: {step}" + (f" ({total})" if total else ""), file=self.stream)
            return
        width = 24
        filled = width * done // total if total else 0
        bar = f" [{'#' * filled}{'.' * (width - filled)}] {done}/{total}" if total else ""
        self.stream.write(f"\r\033[Kargmap build: {step}{bar}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False


def _build_once(args: argparse.Namespace, *, force: bool) -> int:
    """Check, build, say what was done. Corpus errors leave through `Stopped` (exit 1)."""
    from argmap.build import build
    from argmap.cli._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, compiled
    from argmap.write import FolderBusy

    progress = _Progress(sys.stderr)
    progress("checking", 0, 0)
    corpus = compiled(args)
    try:
        report = build(corpus, args.output, diagrams=not args.no_diagrams, force=force,
                       progress=progress)
    except FolderBusy as exc:
        progress.finish()
        print(f"argmap build: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        progress.finish()
        print(f"argmap build: error: cannot write {exc.filename or args.output}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    progress.finish()
    for note in report.notes:
        print(f"argmap build: note: {note}", file=sys.stderr)
    if report.removed:
        print(f"argmap build: removed {len(report.removed)} file(s) an earlier build made that "
              f"are no longer produced: {', '.join(report.removed)}", file=sys.stderr)
    if report.stale:
        print(f"argmap build: note: {len(report.stale)} file(s) from an earlier build are no "
              f"longer produced and were left in place (changed since, or diagrams not asked "
              f"for): {', '.join(report.stale)}", file=sys.stderr)
    print(f"argmap build: {args.output}/: {len(report.written)} written, "
          f"{len(report.unchanged)} unchanged")
    return EXIT_OK


def _check_output(args: argparse.Namespace) -> None:
    from argmap.build import output_dir_problem
    from argmap.check import resolve_sources_dir
    from argmap.cli._common import UsageError, existing_paths

    paths = existing_paths(args.paths)
    problem = output_dir_problem(args.output, paths, resolve_sources_dir(args.sources, paths))
    if problem:
        raise UsageError(problem)


# What `--watch` adds to each page it serves (never to the files): ask the server every second
# which build it has, and reload when that changes. The files themselves stay script-free of it,
# so a site opened from file:// or published elsewhere never polls anything.
RELOAD_PATH = "/__argmap/build"
_RELOAD_SCRIPT = (
    "<script>(function () {var seen = '%d'; setInterval(function () {"
    f"fetch('{RELOAD_PATH}', {{cache: 'no-store'}}).then(function (r) {{ return r.text(); }})"
    ".then(function (now) { if (now !== seen) { location.reload(); } })"
    ".catch(function () {});}, 1000);})();</script>"
)   # %d: the build the page came from, so an edit saved before the first poll still counts


class _Builds:
    """How many builds `--watch` has finished: pages reload when the number changes."""

    def __init__(self) -> None:
        self.done = 0


def _serve(folder: Path, port: int, builds: _Builds | None = None):
    """A web server for the built folder on its own thread, reachable from this machine only;
    with `builds`, the HTML it serves reloads itself after each build."""
    import functools
    import http.server
    import threading
    from urllib.parse import unquote, urlsplit

    from argmap.cli._common import UsageError

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's names
            return None

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            if builds is None:
                return super().do_GET()
            path = unquote(urlsplit(self.path).path)
            if path == RELOAD_PATH:
                return self._send(str(builds.done).encode(), "text/plain; charset=utf-8")
            target = Path(self.translate_path(self.path))
            if path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                page = target.read_bytes()
                at = page.rfind(b"</body>")
                script = (_RELOAD_SCRIPT % builds.done).encode()
                page = page[:at] + script + page[at:] if at >= 0 else page + script
                return self._send(page, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(Handler, directory=str(folder)))
    except OSError as exc:
        raise UsageError(f"cannot serve on port {port} ({exc.strerror}); "
                         "choose another with --port") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _watch(args: argparse.Namespace) -> int:
    """Build, serve the folder on localhost, and build again on every save until Ctrl-C."""
    from argmap.check import resolve_sources_dir
    from argmap.cli._common import EXIT_OK, Stopped, UsageError, existing_paths

    try:
        import watchfiles
    except ImportError:
        raise UsageError("--watch needs the watchfiles package (pip install watchfiles)") from None
    gc.enable()  # main() turns the collector off for one-shot commands; this one lives on
    paths = existing_paths(args.paths)
    sources = resolve_sources_dir(args.sources, paths)
    sources = sources.resolve() if sources is not None and sources.is_dir() else None
    watched = [str(p) for p in paths] + ([str(sources)] if sources else [])

    def relevant(_change, path: str) -> bool:
        """Map files, and any visible file in the sources folder (not editors' temp files)."""
        name = Path(path).name
        if name.startswith(".") or name.endswith("~"):
            return False
        in_sources = sources is not None and Path(path).resolve().is_relative_to(sources)
        return in_sources or Path(path).suffix in (".yaml", ".yml")

    builds = _Builds()

    def once(force: bool) -> None:
        try:
            _build_once(args, force=force)
        except Stopped:
            print("argmap build: fix the errors above; waiting for the next save", file=sys.stderr)
            return
        builds.done += 1   # (read by the server's thread; an int is swapped whole)

    once(args.force)
    args.output.mkdir(parents=True, exist_ok=True)
    server = _serve(args.output, args.port, builds)
    print(f"argmap build: serving {args.output}/ at http://127.0.0.1:{server.server_address[1]}/ "
          f"and watching {', '.join(watched)}; open pages reload after each build "
          f"(Ctrl-C stops)", file=sys.stderr)
    try:
        for changes in watchfiles.watch(*watched, watch_filter=relevant):
            names = sorted({Path(path).name for _change, path in changes})
            print(f"argmap build: changed: {', '.join(names)}", file=sys.stderr)
            once(False)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    _check_output(args)
    if args.watch:
        return _watch(args)
    return _build_once(args, force=args.force)


def register(command) -> None:
    """Add `build` via `command(name, help, func) -> ArgumentParser`."""
    from argmap.cli._common import add_paths, add_sources

    p = command("build", "build diagrams, tables, the site and handouts",
                cmd_build)
    add_paths(p)
    add_sources(p)
    p.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="DIR",
                   help="folder to build into (default: build/); only changed files are rewritten")
    p.add_argument("--no-diagrams", action="store_true",
                   help="leave out the diagrams (no Graphviz run); pages say there is none")
    p.add_argument("--force", action="store_true",
                   help="ignore the record of the last build and make every output again")
    p.add_argument("--watch", action="store_true",
                   help="build, serve on http://127.0.0.1:PORT/, rebuild on every save; "
                        "open pages reload")
    p.add_argument("--port", type=int, default=8000, help="port for --watch (default: 8000)")
