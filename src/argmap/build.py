"""`argmap build`: diagrams, tables, the site and handouts in one folder, redoing only what changed.

Reads top to bottom: draw the diagrams whose DOT changed (Graphviz, on every core) → list the
tables → list the site's pages → give every output a key, the hash of everything it is made from
→ make and write, atomically, each output whose key differs from the last build's → record the
keys in the manifest (`.argmap-build.json`), with the SHA-256 of each file's bytes. A page's key
is made from exactly what it shows (each claim, stance and voice it names, hashed apart; see
`argmap.render.site`), so a rebuild after editing one claim remakes its voice's page, the pages
linking to it, the search index, where it is a reason the thesis pages, handouts, stance tables
and pair page, the home page up to 50 voices (past that it shows only names and sides), and
nothing else, however much the voices attack each other; the matrix, seconds to make at 1,000
voices, only when a side or a name changes. The report says what changed. The manifest also
keeps one key for the whole build (argmap's code, Graphviz's
version, the corpus): when it matches and every output is still there, nothing is even
rendered, which is what makes an unchanged rebuild cheap (docs/performance.md). A file whose
bytes on disk are not the ones recorded (emptied, edited, deleted) is made again.

Everything a build writes is staged and put in place at the end, all together (`write.Stage`):
an interrupted build leaves the previous site complete, and a second build into the same folder
at the same time is refused.

Nothing here prints: progress goes to a callback and the result comes back as a `Report`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import attrs

from argmap import __version__
from argmap.cache import digest
from argmap.model import Corpus
from argmap.write import Stage, dot_version, run_dot

if TYPE_CHECKING:
    from argmap.render.site import PictureSummary
    from argmap.render.view import View

# The renderers (and the graphviz package) are imported where used: an unchanged rebuild
# needs none of them.

__all__ = ["Output", "Report", "MANIFEST", "build", "output_dir_problem", "Progress"]

MANIFEST = ".argmap-build.json"

Progress = Callable[[str, int, int], None]
"""Called as `progress(step, done, total)`: with done == 0 when a step starts, then as it goes."""


@attrs.frozen(kw_only=True)
class Output:
    """One file of the build: where it goes, a hash of all it is made from, how to make it."""

    path: str
    key: str
    render: Callable[[], str | bytes] = attrs.field(eq=False, repr=False)
    weight: int = attrs.field(default=0, eq=False)   # claims shown; 0: made already


def _made(data: str | bytes) -> Callable[[], str | bytes]:
    """The `render` of an output whose content is already made."""
    return lambda: data


@attrs.frozen(kw_only=True)
class Report:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    stale: tuple[str, ...] = ()      # left by an earlier build, no longer produced, kept
    removed: tuple[str, ...] = ()    # made by an earlier build, no longer produced, deleted
    notes: tuple[str, ...] = ()      # what was skipped and why (Graphviz missing, a failed diagram)
    remade: tuple[str, ...] = ()     # made again (written, or found the same as on disk)
    changed: tuple[str, ...] = ()    # why: "lind changed", "thesis t added", "first build", ...
    laid_out: int = 0                # diagrams drawn by Graphviz (the others were reused)


_hash = digest   # the one hash over several parts (cache.digest), for the build's record too


# --- refusing a bad output folder -----------------------------------------------------------------

def output_dir_problem(out: Path, maps_paths: Iterable[Path],
                       sources_dir: Path | None = None) -> str | None:
    """Why `out` must not be written into, or None: a build never writes among maps or sources."""
    if out.exists() and not out.is_dir():
        return f"output folder {out} is a file"
    target = out.resolve()
    guarded = [(p if p.is_dir() else p.parent, "maps folder") for p in maps_paths]
    if sources_dir is not None and sources_dir.is_dir():
        guarded.append((sources_dir, "sources folder"))
    for folder, what in guarded:
        folder = folder.resolve()
        if target == folder or folder in target.parents:
            where = "the" if target == folder else "inside the"
            return f"output folder {out} is {where} {what} {folder}; choose another, e.g. -o build"
    return None


# --- what each output is made from ----------------------------------------------------------------

def _generator() -> str:
    """argmap's own code and static files: a new argmap remakes everything once."""
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*")
                   if p.suffix in (".py", ".css", ".js") and p.is_file())
    return _hash(__version__, *(str(p.relative_to(package)) for p in files),
                 *(p.read_bytes() for p in files))


def _model_digests(corpus: Corpus) -> dict[str, str]:
    """A hash of each part of the corpus a page can show, and of the whole corpus ("corpus"):
    each claim (`claim:<map>/<claim>`), each stance (`stance:<map>/<thesis>`), each voice without
    its claims and stances (`head:<map>`), each whole map, thesis and source.

    Hashes are of the model (its repr leaves out file positions), not of the files: moving or
    reformatting a map, or editing a comment, changes nothing. Each claim's repr is made once
    and a map's hash is made from its parts' (for 10,000 claims a repr of everything takes a
    tenth of a second).
    """
    digests: dict[str, str] = {}
    for m in corpus.maps:
        head = _hash(repr(attrs.evolve(m, claims=(), stances=())))
        claims = [_hash(repr(c)) for c in m.claims]
        stances = [_hash(repr(s)) for s in m.stances]
        digests |= {f"claim:{m.id}/{c.id}": d for c, d in zip(m.claims, claims, strict=True)}
        digests |= {f"stance:{m.id}/{s.thesis}": d for s, d in zip(m.stances, stances, strict=True)}
        digests[f"head:{m.id}"] = head
        digests[f"map:{m.id}"] = _hash(head, *claims, "stances", *stances)
    digests |= {f"thesis:{t.id}": _hash(repr(t)) for t in corpus.theses}
    digests |= {f"source:{s.id}": _hash(repr(s)) for s in corpus.sources}
    rest = [repr(getattr(corpus, f.name)) for f in attrs.fields(Corpus)
            if f.name not in ("maps", "theses", "sources")]   # none today; counted if added
    wholes = [f"{name}={digest}" for name, digest in digests.items()
              if name.startswith(("map:", "thesis:", "source:"))]
    digests["corpus"] = _hash(*rest, *wholes)
    return digests


def _whole_digests(corpus: Corpus, model: Mapping[str, str]) -> dict[str, str]:
    """`model` (`_model_digests(corpus)`) and the hashes of what pages and diagrams show of
    the whole corpus: the voices' names, the thesis ids, the positions, the sides, ..."""
    from argmap.render.diagram_inputs import colours

    digests = {**model, **colours(corpus)}
    digests["voices"] = _hash(*(f"{m.id}\n{m.name}" for m in corpus.maps))
    digests["voices:linked"] = _hash("voices:linked")   # so many that pages link, not list
    digests["theses"] = _hash(*(t.id for t in corpus.theses))
    digests["positions"] = _positions_digest(corpus, model)
    digests["sides"] = _sides_digest(corpus, model)
    digests["sides:ids"] = _sides_digest(corpus, model, names=False)
    digests["counts"] = _hash("counts", *(f"{m.id}={len(m.claims)}" for m in corpus.maps))
    digests["cited"] = _hash("cited", *(f"{m.id}\n" + "\n".join(sorted(
        {str(m.source_of(e)) for c in m.claims for e in c.evidence})) for m in corpus.maps))
    return digests


def _input_digests(corpus: Corpus, whole: Mapping[str, str], svgs: Mapping[str, str], note: str,
                   downloads: Sequence[str]) -> dict[str, str]:
    """A hash for each input name the site's pages list (see `argmap.render.site`); `whole`
    is `_whole_digests(corpus, ...)`."""
    digests = dict(whole)
    digests["downloads"] = _hash(*downloads)
    from argmap.render.site import diagrams_by_voice

    voice_diagrams = diagrams_by_voice(svgs)

    for m in corpus.maps:
        drawn = voice_diagrams(m.id)
        digests[f"diagram:{m.id}"] = (_hash("svg", *(svg for _name, svg in drawn)) if drawn
                                      else _hash("note", note))
    for name in [f"thesis_{t.id}" for t in corpus.theses] + ["overview_all"]:
        svg = svgs.get(name)
        digests[f"diagram:{name}"] = _hash("svg", svg) if svg is not None else _hash("note", note)
    return digests


def _positions_digest(corpus: Corpus, model: Mapping[str, str]) -> str:
    """What the tables and the matrix page show: every voice's name and stances, the text of
    each claim a stance gives as a reason, every thesis and source. A claim no stance names
    can change without remaking them."""
    from argmap.graph import qualify

    parts = []
    for m in corpus.maps:
        parts.append(model[f"head:{m.id}"])
        for stance in m.stances:
            parts.append(model[f"stance:{m.id}/{stance.thesis}"])
            parts += [model.get(f"claim:{qualify(reason, m.id)}", "missing")
                      for reason in stance.because]
    parts += [model[f"thesis:{t.id}"] for t in corpus.theses]
    parts += [model[f"source:{s.id}"] for s in corpus.sources]
    return _hash("positions", *parts)


def _sides_digest(corpus: Corpus, model: Mapping[str, str], *, names: bool = True) -> str:
    """What the pairwise matrix shows: every voice's name and the side it takes on each thesis,
    the thesis ids, every source; not the notes, the reasons or the theses' words, so rewording
    them leaves the matrix (seconds to make at 1,000 voices) alone. `names=False`: each voice by
    its id alone (`matrix.md` and `matrix.csv` name voices by id; only `matrix.json`, written up
    to LISTED_VOICES, shows their names)."""
    parts = []
    for m in corpus.maps:
        parts.append(model[f"head:{m.id}"] if names else f"voice {m.id}")
        parts += [f"{stance.thesis}={stance.position.value}" for stance in m.stances]
    parts += ["theses", *(t.id for t in corpus.theses)]
    parts += [model[f"source:{s.id}"] for s in corpus.sources]
    return _hash("sides", *parts)


def _picture(corpus: Corpus, generator: str) -> Callable[[], PictureSummary]:
    """What `matrix.html` shows past LISTED_VOICES (its pairs and camps: seconds at 1,000
    voices), kept in argmap's cache (`argmap.cache`) by each voice's id and sides and the thesis
    ids, with argmap's code: not the names or the theses' words, which a rebuild re-applies, so
    rewording a thesis or renaming a voice remakes the page without computing them again."""
    def summary() -> PictureSummary:
        from argmap.cache import Cache
        from argmap.render.site import PictureSummary, picture_summary

        cache = Cache.default()
        key = cache.key("picture", generator, *(
            f"{m.id}:" + ",".join(f"{s.thesis}={s.position.value}" for s in m.stances)
            for m in corpus.maps), "theses", *(t.id for t in corpus.theses))
        found = cache.get("picture", key)
        if isinstance(found, PictureSummary):
            return found
        made = picture_summary(corpus)
        cache.put("picture", key, made)
        return made
    return summary


def _key(generator: str, digests: Mapping[str, str], inputs: Iterable[str]) -> str:
    """An output's key: its inputs' hashes in the order it lists them (a page lists what it
    shows in the order shown, so reordering what it shows makes it again)."""
    return _hash(generator, *(f"{name}={digests.get(name, 'missing')}" for name in inputs))


# --- diagrams -------------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class _Diagrams:
    outputs: list[Output]
    svgs: dict[str, str]          # view name (voice id, thesis_<id>, overview_all) -> SVG
    downloads: list[str]          # the all-voices diagram, for the home page
    page_note: str                # what a voice page says when it has no diagram
    notes: list[str] = attrs.field(factory=list)   # what was skipped, for the user
    # the diagrams Graphviz failed on: (the key of the SVG not made, the note), for the next
    # build, which does not try again while the key is the same
    failed: dict[str, tuple[str, str]] = attrs.field(factory=dict)
    laid_out: int = 0             # how many Graphviz drew this time
    # each group of diagrams made from the same inputs (`argmap.render.diagram_inputs`): its
    # key and its diagrams' names, for the next build
    groups: dict[str, tuple[str, tuple[str, ...]]] = attrs.field(factory=dict)


_WITHOUT_GRAPHVIZ = _Diagrams(
    outputs=[], svgs={}, downloads=[],
    page_note="No diagram: Graphviz was not installed when this site was built; "
              "the diagram's DOT source is in the diagrams folder.",
    notes=["diagrams: Graphviz is not installed (no `dot` on PATH), so only the .dot files are "
           "written, no SVGs; install Graphviz and build again"])

_LEFT_OUT = _Diagrams(outputs=[], svgs={}, downloads=[],
                      page_note="No diagram: this site was built without diagrams.")


def _draw(jobs: dict[str, str], progress: Progress,
          drawers: Mapping[str, Callable[[], str]] | None = None
          ) -> tuple[dict[str, str], dict[str, str]]:
    """Run Graphviz on each DOT text, on every core (it is the one slow step of a build); a
    diagram Graphviz fails on is left out with a note (by name), and the build goes on.
    `drawers` draw the diagrams they name themselves (a screen view is drawn and measured
    until it reads)."""
    def attempt(job: tuple[str, str]) -> str | Exception:
        name, source = job
        try:
            if drawers and name in drawers:
                return drawers[name]()
            return run_dot(source, "svg").decode("utf-8")
        except Exception as exc:  # noqa: BLE001 - reported per diagram, never fatal
            return exc

    from argmap.write import on_every_core

    drawn: dict[str, str] = {}
    notes: dict[str, str] = {}
    progress("diagrams", 0, len(jobs))
    results = zip(jobs, on_every_core(attempt, list(jobs.items())), strict=True)
    for count, (name, result) in enumerate(results, 1):
        if isinstance(result, Exception):
            reason = str(result).strip()[:200]
            notes[name] = f"diagram {name} skipped: Graphviz failed: {reason}"
        else:
            drawn[name] = result
        progress("diagrams", count, len(jobs))
    return drawn, notes


def _diagrams(corpus: Corpus, out: Path, last: _Manifest, generator: str, version: str | None,
              progress: Progress, intact: Callable[[str], bool], digests: Mapping[str, str]
              ) -> _Diagrams:
    """Each voice's diagram, each thesis's, the overview and the combined one: the DOT always,
    the SVG when Graphviz is there.

    Diagrams are made in groups (a voice's whole or in parts, a thesis's, ...) keyed by what
    they show (`argmap.render.diagram_inputs`): a group whose key and files are those of the
    last build is read back without making its views or DOT text. Of a group made again, an
    SVG whose DOT (and Graphviz version) did not change is still read back, not drawn again."""
    from argmap.commands.fitting import fitted
    from argmap.forked import map_in_halves
    from argmap.render.diagram_inputs import diagram_groups, overview_group
    from argmap.render.dot import DotOptions, to_dot
    from argmap.render.site import NO_DIAGRAM
    from argmap.render.view import COMBINED_NAME, ViewKind

    previous = last.outputs

    def group_key(inputs: Sequence[str]) -> str:
        # (a name of the whole corpus, such as "sides", must be there: one missing would key
        # the group by the word "missing", the same whatever changed)
        unknown = [n for n in inputs if ":" not in n and n not in digests]
        if unknown:
            raise ValueError(f"diagram inputs without a hash: {unknown}")
        return _key(_hash(generator, version or "no dot"), digests, inputs)

    def reusable(name: str, key: str) -> list[str] | None:
        """The names of a group's diagrams when the last build made them from the same inputs
        and they are still there as it wrote them (or Graphviz failed on them)."""
        recorded, names = last.diagrams.get(name, ("", ()))
        if recorded != key:
            return None
        files = [f"diagrams/{n}.dot" for n in names]
        files += [f"diagrams/{n}.svg" for n in names
                  if version is not None and n not in last.failed]
        return list(names) if all(f in previous and _inside(f) and intact(f) for f in files) else None

    views: list[View] = []
    groups: dict[str, tuple[str, tuple[str, ...]]] = {}
    reused: list[str] = []

    def resolve(group_name: str, key: str, make: Callable[[], list[View]]) -> list[str]:
        names = reusable(group_name, key)
        if names is None:
            made = make()
            views.extend(made)
            names = [view.name for view in made]
        else:
            reused.extend(names)
        groups[group_name] = (key, tuple(names))
        return names

    first = {}
    for group in diagram_groups(corpus):
        names = resolve(group.name, group_key(group.inputs), group.views)
        if group.name.startswith("voice:") and names:
            first[group.name.removeprefix("voice:")] = names[0]
    overview = overview_group(corpus, first)
    resolve(overview.name, group_key(overview.inputs), overview.views)

    # The pages show the views made for a screen (each voice, each thesis, the overview),
    # linking into the site; the combined diagram of every claim is there to print.
    screen = DotOptions(screen=True, site_root="../")
    sources = {view.name: to_dot(view, options=screen) if view.kind is not ViewKind.COMBINED
               else to_dot(view, map_halves=map_in_halves) for view in views}
    chosen: dict[str, str] = {}

    def drawer(view: View) -> Callable[[], str]:
        def draw() -> str:
            source, svg, _fit = fitted(view, screen, lambda text: run_dot(text, "svg"))
            chosen[view.name] = source
            return svg.decode("utf-8")
        return draw

    def fitted_or(name: str, text: str) -> Callable[[], str]:
        """A diagram's DOT: the one fitted to the screen when it was drawn, else as generated."""
        return lambda: chosen.get(name, text)

    def read_back(path: str) -> Callable[[], str]:
        return lambda: (out / path).read_text(encoding="utf-8")

    drawers = {view.name: drawer(view) for view in views if view.kind is ViewKind.THESIS}
    shown = {name for name in reused if name != COMBINED_NAME} | {
        view.name for view in views if view.kind is not ViewKind.COMBINED}
    # A fitted view's .dot is the arrangement its drawing kept, which Graphviz's measurements
    # chose: its key names Graphviz's version too, and it is never made without its drawing.
    dot_keys = {name: _hash(generator, version or "no dot", text) if name in drawers
                else _hash(generator, text) for name, text in sources.items()}
    dots = [Output(path=f"diagrams/{name}.dot", key=dot_keys[name], render=fitted_or(name, text))
            for name, text in sorted(sources.items())]
    dots += [Output(path=f"diagrams/{name}.dot", key=previous[f"diagrams/{name}.dot"],
                    render=read_back(f"diagrams/{name}.dot")) for name in reused]
    if version is None:
        return attrs.evolve(_WITHOUT_GRAPHVIZ, outputs=dots, groups=groups)
    keys = {name: _hash(generator, version, text) for name, text in sources.items()}
    # A diagram Graphviz failed on (a layout past the time limit, say) is not tried again
    # until its DOT text or Graphviz changes, or --force: at 1,000 voices, the combined
    # diagram tried on every rebuild took a minute each time.
    failed = {name: last.failed[name] for name in reused if name in last.failed}
    failed |= {name: last.failed[name] for name in sources
               if last.failed.get(name, ("", ""))[0] == keys[name]}
    failed |= _too_large(views, keys)
    keys |= {name: previous[f"diagrams/{name}.svg"] for name in reused if name not in failed}
    svgs = {name: (out / "diagrams" / f"{name}.svg").read_text(encoding="utf-8")
            for name in reused if name not in failed}
    jobs: dict[str, str] = {}
    for name, text in sorted(sources.items()):
        if name in failed:
            continue
        path = out / "diagrams" / f"{name}.svg"
        kept = previous.get(f"diagrams/{name}.svg") == keys[name] and intact(f"diagrams/{name}.svg")
        if kept and name in drawers:
            dot = f"diagrams/{name}.dot"
            kept = previous.get(dot) == dot_keys[name] and intact(dot)
        if kept:
            svgs[name] = path.read_text(encoding="utf-8")
        else:
            jobs[name] = text
    drawn, notes = _draw(jobs, progress, drawers) if jobs else ({}, {})
    svgs |= drawn
    said = {name: _repeated(note) for name, (_key, note) in failed.items()}
    said |= notes
    failed |= {name: (keys[name], note) for name, note in notes.items()}
    pictures = [Output(path=f"diagrams/{name}.svg", key=keys[name], render=_made(svg))
                for name, svg in sorted(svgs.items())]
    return _Diagrams(outputs=dots + pictures, notes=[said[n] for n in sorted(said)],
                     failed=failed, page_note=NO_DIAGRAM, laid_out=len(jobs), groups=groups,
                     svgs={name: svg for name, svg in svgs.items() if name in shown},
                     downloads=[f"diagrams/{n}.svg" for n in sorted(svgs) if n not in shown]
                     + _undrawn(failed))


def _too_large(views: Iterable[View], keys: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """The views past the size a build lays out (`argmap.render.layout_limit`), recorded as a
    failure is, (the key of the SVG not made, the note): Graphviz is never started for them."""
    from argmap.render.layout_limit import too_large_note

    notes = {view.name: too_large_note(view) for view in views}
    return {name: (keys[name], note) for name, note in notes.items() if note is not None}


def _is_too_large(note: str) -> bool:
    from argmap.render.layout_limit import NOT_LAID_OUT

    return note.partition(": ")[0].endswith(f" {NOT_LAID_OUT}")


def _repeated(note: str) -> str:
    """An earlier build's note on a diagram not drawn, said again: Graphviz is not tried again
    on a failure while the DOT is the same; a diagram past the size limit is never tried."""
    if _is_too_large(note):
        return note
    return (f"{note} (in an earlier build, and not tried again: its DOT is unchanged; "
            "--force tries again)")


def _undrawn(failed: Mapping[str, tuple[str, str]]) -> list[str]:
    """The DOT of each diagram too large to lay out, offered for download in its place."""
    return [f"diagrams/{name}.dot" for name, (_key, note) in sorted(failed.items())
            if _is_too_large(note)]


# --- the manifest ---------------------------------------------------------------------------------

@attrs.frozen
class _Manifest:
    outputs: dict[str, str] = attrs.field(factory=dict)   # path -> key
    build: str = ""                  # the whole build's key; "" when it must not be reused
    notes: tuple[str, ...] = ()
    written: dict[str, str] = attrs.field(factory=dict)   # path -> SHA-256 of the bytes made
    model: dict[str, str] = attrs.field(factory=dict)     # map:/thesis:/source:<id> -> hash
    generator: str = ""
    diagrams: dict[str, tuple[str, tuple[str, ...]]] = attrs.field(factory=dict)  # (key, names)
    failed: dict[str, tuple[str, str]] = attrs.field(factory=dict)   # name -> (key, note)


def _read_manifest(out: Path) -> _Manifest:
    """What the last build made; nothing (so everything is remade) if unreadable."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        outputs = data["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return _Manifest()
    if not isinstance(outputs, dict):
        return _Manifest()
    build, notes = data.get("build", ""), data.get("notes", [])
    if not isinstance(build, str) or not isinstance(notes, list) \
            or not all(isinstance(n, str) for n in notes):
        build, notes = "", []
    written, model = data.get("written", {}), data.get("model", {})
    generator, diagrams = data.get("generator", ""), data.get("diagrams", {})
    return _Manifest(outputs=_strings(outputs), build=build, notes=tuple(notes),
                     written=_strings(written) if isinstance(written, dict) else {},
                     model=_strings(model) if isinstance(model, dict) else {},
                     generator=generator if isinstance(generator, str) else "",
                     diagrams=_groups(diagrams), failed=_failures(data.get("failed")))


def _failures(data: object) -> dict[str, tuple[str, str]]:
    """The diagrams Graphviz failed on: {name: {"key": ..., "note": ...}}, what is readable."""
    failed = {}
    for name, record in (data.items() if isinstance(data, dict) else ()):
        key, note = (record.get("key"), record.get("note")) if isinstance(record, dict) \
            else (None, None)
        if isinstance(key, str) and isinstance(note, str):
            failed[name] = (key, note)
    return failed


def _groups(data: object) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The diagram groups' records: {group: {"key": ..., "views": [...]}}, what is readable."""
    groups = {}
    for name, record in (data.items() if isinstance(data, dict) else ()):
        key, views = (record.get("key"), record.get("views")) if isinstance(record, dict) \
            else (None, None)
        if isinstance(key, str) and isinstance(views, list) \
                and all(isinstance(v, str) for v in views):
            groups[name] = (key, tuple(views))
    return groups


def _strings(mapping: dict) -> dict[str, str]:
    return {k: v for k, v in mapping.items() if isinstance(k, str) and isinstance(v, str)}


def _manifest(outputs: Sequence[Output], build: str, notes: Sequence[str],
              written: Mapping[str, str], model: Mapping[str, str], generator: str,
              diagrams: Mapping[str, tuple[str, tuple[str, ...]]],
              failed: Mapping[str, tuple[str, str]], carried: Mapping[str, str]) -> str:
    """The record of a build; `carried` (path -> key) are files of an earlier build kept."""
    paths = {o.path: o.key for o in outputs} | dict(carried)
    data = {"argmap": __version__, "build": build, "notes": list(notes),
            "outputs": paths, "written": {p: written[p] for p in paths if p in written},
            "model": dict(model), "generator": generator,
            "diagrams": {name: {"key": key, "views": list(views)}
                         for name, (key, views) in diagrams.items()},
            "failed": {name: {"key": key, "note": note} for name, (key, note) in failed.items()}}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


_PARTS = ("map:", "thesis:", "source:")   # what a user edits, named in the summary
_NAMED = 3                               # parts named before "and N more"


def _parts(model: Mapping[str, str]) -> dict[str, str]:
    return {name: digest for name, digest in model.items() if name.startswith(_PARTS)}


def _changes(last: _Manifest, model: Mapping[str, str], generator: str, force: bool
             ) -> tuple[str, ...]:
    """What changed since the last build, in the words of the summary: "lind changed",
    "thesis t2 added", "source s removed"; or why everything was made ("first build")."""
    if force:
        return ("--force",)
    if not last.outputs:
        return ("first build",)
    if last.generator != generator:
        return ("argmap changed",)
    before, now = last.model, _parts(model)
    said = []
    for name in sorted(before.keys() | now.keys()):
        if before.get(name) == now.get(name):
            continue
        kind, _, ident = name.partition(":")
        what = ident if kind == "map" else f"{kind} {ident}"
        state = "added" if name not in before else "removed" if name not in now else "changed"
        said.append(f"{what} {state}")
    if len(said) > _NAMED:
        said[_NAMED:] = [f"and {len(said) - _NAMED} more"]
    return tuple(said)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _intact(out: Path, last: _Manifest) -> Callable[[str], bool]:
    """Whether a file the last build made is still there with the bytes it recorded; a file
    emptied, edited or deleted since is made again. Each file is read once per build."""
    seen: dict[str, bool] = {}

    def intact(path: str) -> bool:
        if path not in seen:
            recorded = last.written.get(path)
            try:
                seen[path] = (recorded is not None and _inside(path)
                              and not (out / path).is_symlink()
                              and _sha256((out / path).read_bytes()) == recorded)
            except OSError:
                seen[path] = False
        return seen[path]
    return intact


def _clear_stale(out: Path, paths: Iterable[str], last: _Manifest, keep: Callable[[str], bool],
                 delete: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """Files an earlier build made that this one does not: each is deleted when its bytes are
    still the ones argmap wrote (the manifest holds their hash), else kept (edited by hand, or
    recorded by an argmap that kept no hashes), as are those `keep` names. (removed, kept)"""
    removed, kept = [], []
    root = out.resolve()
    for path in sorted(paths):
        target = out / path
        try:
            # only a regular file, reached without leaving the folder through a symlink
            inside = not target.is_symlink() and target.resolve().is_relative_to(root)
            untouched = (inside and not keep(path)
                         and last.written.get(path) == _sha256(target.read_bytes()))
            if untouched:
                delete(path)
                removed.append(path)
                continue
        except OSError:
            pass
        kept.append(path)
    return removed, kept


def _inside(relative: str) -> bool:
    """Output paths come from slugs; anything that could leave the output folder is refused."""
    path = PurePosixPath(relative)
    return (bool(path.parts) and not path.is_absolute() and "\\" not in relative
            and not any(part in ("", ".", "..") for part in path.parts))


# Below this many claims shown by the pages to make, rendering them is quicker than forking.
_RENDER_ON_TWO_CORES = 3000


def _render(outputs: Sequence[Output]) -> list[bytes]:
    """Each output's bytes; pages of a large corpus are shared with a forked helper
    (`argmap.forked`), since making them is most of a full build's time."""
    from argmap import forked

    def made(output: Output) -> bytes:
        content = output.render()
        return content.encode("utf-8") if isinstance(content, str) else content

    # the helper's answer is the output's bytes themselves
    return forked.split_run(outputs, weigh=lambda output: output.weight, here=made,
                            in_helper=made, receive=lambda data, _output: data,
                            min_weight=_RENDER_ON_TWO_CORES)


# --- the build ------------------------------------------------------------------------------------

def _quiet(step: str, done: int, total: int) -> None:
    return None


# How long a build waits for another one into the same folder to finish before giving up.
WAIT_FOR_OTHER_BUILD = 300.0


def build(corpus: Corpus, out: Path, *, diagrams: bool = True, force: bool = False,
          progress: Progress = _quiet, wait: float = WAIT_FOR_OTHER_BUILD) -> Report:
    """Build everything for a checked corpus into `out`; only outputs whose inputs changed are made.

    `diagrams=False` leaves out the diagrams (no Graphviz run); `force` ignores the last build.
    Builds into one folder take turns; after `wait` seconds of waiting, `write.FolderBusy`.
    """
    out = Path(out)

    def waiting() -> None:
        progress("waiting for another build into this folder", 0, 0)

    with Stage(out, wait=wait, on_wait=waiting) as stage:
        report = _build(corpus, out, stage, diagrams=diagrams, force=force, progress=progress)
        if stage.staged or stage.deleted:
            stage.commit()
    return report


def _build(corpus: Corpus, out: Path, stage: Stage, *, diagrams: bool, force: bool,
           progress: Progress) -> Report:
    last = _Manifest() if force else _read_manifest(out)
    previous = last.outputs
    intact = _intact(out, last)
    generator = _generator()
    version = dot_version() if diagrams else None
    model = _model_digests(corpus)
    whole = _hash(generator, "diagrams" if diagrams else "no diagrams", version or "no dot",
                  model["corpus"])
    if last.build == whole and all(intact(p) for p in previous):
        return Report(written=(), unchanged=tuple(sorted(previous)), notes=last.notes)
    from argmap.render.site import site_pages
    from argmap.render.tables import matrix_tables, stance_tables, table_files

    whole_digests = _whole_digests(corpus, model)
    drawn = (_diagrams(corpus, out, last, generator, version, progress, intact, whole_digests)
             if diagrams else _LEFT_OUT)

    progress("site", 0, 0)
    table_names = table_files(len(corpus.maps))
    downloads = [f"tables/{name}" for name in table_names] + drawn.downloads
    digests = _input_digests(corpus, whole_digests, drawn.svgs, drawn.page_note, downloads)
    # The tables are made in two sets (the stances, the matrix), each only when one of its
    # files is to be made again.
    @functools.cache
    def made_tables(kind: str) -> dict[str, str]:
        return (matrix_tables if kind == "matrix" else stance_tables)(corpus)

    def table(kind: str, name: str) -> Callable[[], str | bytes]:
        return lambda: made_tables(kind)[name]

    def kind(name: str) -> str:
        return "matrix" if name.startswith("matrix.") else "stances"

    # (past LISTED_VOICES there is no matrix.json, the one matrix table naming the voices)
    keys = {"matrix": _key(generator, digests, ["sides" if "matrix.json" in table_names
                                                else "sides:ids"]),
            "stances": _key(generator, digests, ["positions"])}
    tables = [Output(path=f"tables/{name}", key=keys[kind(name)], render=table(kind(name), name))
              for name in table_names]
    pages = site_pages(corpus, diagrams=drawn.svgs, diagram_note=drawn.page_note,
                       downloads=downloads, picture=_picture(corpus, generator))
    site = [Output(path=p.path, key=_key(generator, digests, p.inputs), render=p.render,
                   weight=p.weight) for p in pages]

    outputs = sorted(drawn.outputs + tables + site, key=lambda o: o.path)
    for output in outputs:
        if not _inside(output.path):
            raise ValueError(f"refusing to write outside the output folder: {output.path!r}")
    todo = [o for o in outputs if previous.get(o.path) != o.key or not intact(o.path)]
    kinds = sorted({kind(o.path.removeprefix("tables/")) for o in todo
                    if o.path.startswith("tables/")})
    if kinds:
        progress("tables", 0, 0)
        for wanted in kinds:
            made_tables(wanted)   # here, before any page is shared with a forked helper
    progress("writing", 0, len(todo))
    contents = _render(todo)
    remade = {o.path for o in todo}
    written: list[str] = []
    unchanged = [o.path for o in outputs if o.path not in remade]
    sums = {o.path: last.written[o.path] for o in outputs
            if o.path not in remade and o.path in last.written}
    for done, (output, data) in enumerate(zip(todo, contents, strict=True), 1):
        (written if stage.write(output.path, data) else unchanged).append(output.path)
        sums[output.path] = _sha256(data)
        progress("writing", done, len(todo))
    unchanged.sort()

    produced = {o.path for o in outputs}
    gone = [p for p in previous if p not in produced and _inside(p) and (out / p).is_file()]
    # A build without diagrams leaves the last build's diagrams where they are.
    removed, stale = _clear_stale(out, gone, last,
                                  keep=lambda p: not diagrams and p.startswith("diagrams/"),
                                  delete=stage.delete)
    # ... and their records, so that the next build with diagrams draws only those whose
    # inputs changed meanwhile (at 1,000 voices, 2,040 diagrams: minutes of Graphviz)
    carried = {} if diagrams else {p: previous[p] for p in stale if p.startswith("diagrams/")}
    sums |= {p: last.written[p] for p in carried if p in last.written}
    stage.write(MANIFEST, _manifest(
        outputs, whole, drawn.notes, sums, _parts(model), generator,
        drawn.groups if diagrams else last.diagrams, drawn.failed if diagrams else last.failed,
        carried=carried).encode("utf-8"))
    return Report(written=tuple(written), unchanged=tuple(unchanged), stale=tuple(stale),
                  remade=tuple(o.path for o in todo), laid_out=drawn.laid_out,
                  changed=_changes(last, model, generator, force),
                  removed=tuple(removed), notes=tuple(drawn.notes))
