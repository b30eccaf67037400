"""Files to a Corpus, with every structural problem in every file reported at once.

The YAML tree (with marks, from `_yaml`) is structured into the model by a cattrs converter that
forbids unknown keys and refuses silent coercions. cattrs' validation errors carry the path of the
failing value (`claims[1].text`), which we look up in the tree's marks, so positions always come
from the parser, never from message text. A broken claim or stance is reported and skipped while
the rest of its map still loads, so one run shows every mistake.
"""

from __future__ import annotations

import contextvars
import enum
import functools
import hashlib
import sys
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from argmap import _plain, forked
from argmap import cache as _cache
from argmap._makers import maker
from argmap.cache import Cache
from argmap.errors import ArgmapError, Location, Problem, error, warning
from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Gaps,
    Kind,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)

# cattrs, the YAML parser and difflib are imported where used: a run whose files all come from
# the cache (argmap.cache) needs none of them, and importing them is a fifth of its time.
if TYPE_CHECKING:
    import cattrs

    from argmap import _fast
if sys.version_info < (3, 11):  # cattrs raises the backport's groups before 3.11
    from exceptiongroup import BaseExceptionGroup

__all__ = ["Document", "load_corpus", "load_document", "find_map_files", "FORMAT_VERSION"]

FORMAT_VERSION = "1"
_MAP_KEYS = ("id", "authors", "source", "claims", "stances")


@attrs.frozen(kw_only=True)
class Document:
    """One file as written: any of the sections a corpus file may hold."""

    argmap: str
    id: str | None = None
    authors: tuple[Author, ...] = ()
    source: str | None = None
    claims: tuple[Claim, ...] = ()
    stances: tuple[Stance, ...] = ()
    sources: tuple[Source, ...] = ()
    theses: tuple[Thesis, ...] = ()
    sources_dir: tuple[str, ...] = ()      # folders of source texts, relative to this file
    location: Location = attrs.field(eq=False, repr=False)
    gaps: Gaps = attrs.field(factory=Gaps, eq=False, repr=False)  # claim ids unqualified


maker(Document)   # (so that a pickled document finds its maker by name: argmap._makers)


# --- the converter -------------------------------------------------------------------------------

class _WrongType(TypeError):
    __notes__: list[Any]  # cattrs reads each item's index from here (BaseException's on 3.11+)

    def __init__(self, expected: str, value: Any) -> None:
        super().__init__(f"expected {expected}, found {_describe(value)}")


class _BadValue(ValueError):
    pass


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}\u2026' ({len(text)} characters)" if len(text) > 60 else f"'{text}'"


_current_path: contextvars.ContextVar[str] = contextvars.ContextVar("path", default="<memory>")
_skipped: contextvars.ContextVar[list[Problem]] = contextvars.ContextVar("skipped")
_broken: contextvars.ContextVar[list[tuple[type, str]]] = contextvars.ContextVar("broken")


# Set while structuring a tree read the fast way (argmap._fast): each mapping's start by id(),
# the file's deferred marks, which every object shares, and the file's name.
_placed: contextvars.ContextVar[tuple[dict[int, tuple[int, int]], Any, str] | None] = \
    contextvars.ContextVar("placed", default=None)


def _location_of(tree: Any) -> Location:
    placed = _placed.get()
    if placed is not None:
        line, column = placed[0][id(tree)]
        return Location(path=placed[2], line=line, column=column, marks=placed[1])
    line, column = getattr(tree, "start", (1, 1))
    return Location(path=_current_path.get(), line=line, column=column, marks=tree)


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _WrongType("text", value)
    return value


def _structure_optional_str(value: Any, _: Any) -> str | None:
    return None if value is None else _structure_str(value, None)


def _structure_strs(value: Any, _: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        hint = f" (write [{value}])" if isinstance(value, str) else ""
        raise _WrongType("a list" + hint, value)
    if all(isinstance(item, str) for item in value):
        return tuple(value)
    from cattrs.errors import IterableValidationError, IterableValidationNote

    errors = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            exc = _WrongType("text", item)
            exc.__notes__ = [IterableValidationNote(f"@ index {index}", index, str)]
            errors.append(exc)
    raise IterableValidationError("list", errors, tuple)


def _structure_folders(value: Any, _: Any) -> tuple[str, ...]:
    """`sources_dir`: one folder, or a list of them."""
    return (value,) if isinstance(value, str) else _structure_strs(value, _)


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [m.value for m in cls]
    if not isinstance(value, str):
        raise _WrongType("one of " + ", ".join(allowed), value)
    try:
        return cls(value)
    except ValueError:
        import difflib

        close = difflib.get_close_matches(value, allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise _BadValue(f"'{value}' is not one of {', '.join(allowed)}{hint}") from None


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_structure_fn, override

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(str | None, _structure_optional_str)
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_strs)
    converter.register_structure_hook(Location, lambda value, _: value)
    for choice in (Kind, Position, Basis):
        converter.register_structure_hook(choice, _structure_enum)
    converter.register_structure_hook(Basis | None, lambda value, _: (
        None if value is None else _structure_enum(value, Basis)))
    # The list hooks first: make_dict_structure_fn looks up each field's hook when it generates
    # the class's function, so hooks registered after it are never called.
    for item in (Claim, Stance, Source, Thesis, Author, Evidence, Undercut):
        converter.register_structure_hook_func(
            _equal_to(types.GenericAlias(tuple, (item, ...))), _lenient_items(converter, item))
    converter.register_structure_hook_func(
        lambda t: t == tuple[Relation, ...], _relation_items(converter))
    location = override(rename="\x00location")
    base: Callable[[Mapping[str, Any], Any], Any]
    for model in (Author, Evidence, Relation, Undercut, Claim, Stance, Source, Thesis, Map, Document):
        if model is Undercut:
            base = make_dict_structure_fn(model, converter, _cattrs_forbid_extra_keys=True,
                                          location=location, from_=override(rename="from"))
        elif model is Document:
            base = make_dict_structure_fn(model, converter, _cattrs_forbid_extra_keys=True,
                                          location=location, gaps=override(omit=True),
                                          sources_dir=override(struct_hook=_structure_folders))
        else:
            base = make_dict_structure_fn(model, converter, _cattrs_forbid_extra_keys=True, location=location)
        located = _located(base, model)
        converter.register_structure_hook(model, _relation(located) if model is Relation else located)
    return converter


def _equal_to(expected: object) -> Callable[[Any], bool]:
    return lambda t: t == expected


def _located(base: Any, model: type) -> Any:
    """Hand each object its Location via a key no YAML file can spell. Unknown keys are reported
    and left out here, so a misspelt key does not cost the object its other fields' checks."""
    what = model.__name__.lower()
    what = ("an " if what[0] in "aeiou" else "a ") + what
    known = frozenset(_FIELDS[model]) | {"\x00location"}

    def structure(value: Any, cls: type) -> Any:
        if not isinstance(value, dict):
            raise _WrongType(f"a mapping ({what} with keys)", value)
        location = _location_of(value)
        if not known.issuperset(value):  # (no set is made for the usual object)
            extra = value.keys() - known
            skipped = _skipped.get(None)
            if skipped is not None:
                skipped.extend(_unknown_keys(model, extra, value, location))
                value = _yaml_dict({k: v for k, v in value.items() if k not in extra}, value)
        value["\x00location"] = location
        return base(value, cls)
    return structure


def _unknown_keys(model: type, keys: Iterable[str], tree: Any, where: Location) -> Iterable[Problem]:
    import difflib

    known = _FIELDS.get(model, [])
    for key in sorted(keys):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(known)})"
        yield error(_key_location(tree, key, where), "unknown-key", f"unknown key '{key}'{hint}")


def _lenient_items(converter: cattrs.Converter, cls: type) -> Any:
    """A list whose broken items are reported and skipped, so the rest still loads."""
    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise _WrongType(f"a list of {cls.__name__.lower()}s", value)
        items: list[Any] = []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, cls))
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
                where = _item_location(value, index)
                _skipped.get().extend(_problems(exc, item, where))
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str) and cls in (Claim, Thesis, Source):
                    _broken.get().append((cls, ident))
        return tuple(items)
    return structure


def _relation_items(converter: cattrs.Converter) -> Any:
    """`supports`/`attacks`: a list whose entries are plain ids or {target, basis, ...} mappings."""
    entries = _lenient_items(converter, Relation)

    def structure(value: Any, _: Any) -> tuple[Relation, ...]:
        if isinstance(value, str):
            raise _WrongType(f"a list (write [{value}])", value)
        return entries(value, None)
    return structure


def _relation(mapping: Any) -> Any:
    """A plain id is the relation to that claim; a mapping spells out target, basis, note, evidence."""
    def structure(value: Any, cls: type) -> Relation:
        if isinstance(value, str):
            return Relation(target=value)
        if not isinstance(value, dict):
            raise _WrongType("a claim id or a mapping with 'target'", value)
        return mapping(value, cls)
    return structure


def _item_location(items: Any, index: int) -> Location:
    position = items.value_mark(index) if hasattr(items, "value_mark") else None
    line, column = position if position is not None else getattr(items, "start", (1, 1))
    return Location(path=_current_path.get(), line=line, column=column)


_FIELDS: dict[type, list[str]] = {
    cls: sorted(("from" if a.name == "from_" else a.name) for a in attrs.fields(cls)
                if a.name not in ("location", "gaps"))
    for cls in (Author, Evidence, Relation, Undercut, Claim, Stance, Source, Thesis, Map, Document)
}


# --- cattrs errors -> located problems -----------------------------------------------------------

def _problems(exc: BaseException, tree: Any, where: Location) -> list[Problem]:
    """Walk a cattrs error tree alongside the YAML tree, locating each leaf."""
    found: list[Problem] = []
    _walk(exc, tree, where, found)
    return found


def _walk(exc: BaseException, tree: Any, where: Location, found: list[Problem]) -> None:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        found.extend(_unknown_keys(exc.cl, exc.extra_fields, tree, where))
        return
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            step = _step(sub)
            if step is None:
                _walk(sub, tree, where, found)
                continue
            child = _child(tree, step)
            child_where = _value_location(tree, step, where)
            if isinstance(sub, KeyError) and not isinstance(sub, BaseExceptionGroup):
                found.append(error(where, "missing-key", f"missing required key '{step}'"))
            elif isinstance(sub, BaseExceptionGroup):
                _walk(sub, child, child_where, found)
            else:
                _leaf(sub, child_where, step, found)
        return
    _leaf(exc, where, None, found)


def _leaf(exc: BaseException, where: Location, step: Any, found: list[Problem]) -> None:
    field = f"'{step}': " if isinstance(step, str) else ""
    if isinstance(exc, _BadValue):
        found.append(error(where, "bad-value", f"{field}{exc}"))
    elif isinstance(exc, _WrongType):
        found.append(error(where, "wrong-type", f"{field}{exc}"))
    else:
        found.append(error(where, "wrong-type", f"{field}cannot read this value ({exc})"))


def _step(exc: BaseException) -> str | int | None:
    from cattrs.errors import AttributeValidationNote, IterableValidationNote

    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return "from" if note.name == "from_" else note.name
        if isinstance(note, IterableValidationNote):
            return note.index
    return None


def _child(tree: Any, step: str | int) -> Any:
    try:
        return tree[step]
    except (KeyError, IndexError, TypeError):
        return None


def _value_location(tree: Any, step: str | int, where: Location) -> Location:
    position = tree.value_mark(step) if hasattr(tree, "value_mark") else None
    if position is None:
        return where
    return Location(path=where.path, line=position[0], column=position[1])


def _key_location(tree: Any, key: str, where: Location) -> Location:
    position = tree.key_mark(key) if hasattr(tree, "key_mark") else None
    if position is None:
        return where
    return Location(path=where.path, line=position[0], column=position[1])


# --- files -> documents -> corpus ----------------------------------------------------------------

def load_document(path: Path, shown: str | None = None,
                  cache: Cache | None = None) -> tuple[Document | None, list[Problem]]:
    """One file to a Document and the problems found on the way (never raises for bad input).

    With a cache, a file whose exact bytes were loaded cleanly before is unpickled instead of
    parsed; its locations stay exact (see argmap.cache). Files with problems are never cached.
    """
    shown = shown if shown is not None else str(path)
    read = _read(path, shown, cache)
    if isinstance(read, tuple):
        return read
    return _load_here(read, cache)


@attrs.frozen
class _File:
    """A file read but not yet loaded."""

    path: Path
    shown: str
    data: bytes
    content: str  # SHA-256 of the bytes: the cache key's core, and what DeferredMarks checks
    on_disk: bool = True  # False for an editor's unsaved text

    def key(self, cache: Cache) -> str:
        return cache.key("document", self.shown, self.content)


def _read(path: Path, shown: str, cache: Cache | None,
          unsaved: bytes | None = None) -> _File | tuple[Document | None, list[Problem]]:
    """The file's bytes to load, or its outcome already: unreadable, or found in the cache.

    `unsaved` is an editor's text of the file, loaded in place of the bytes on disk; a cache
    on disk never sees it (each keystroke would leave an entry behind)."""
    if unsaved is not None:
        file = _File(path, shown, unsaved, hashlib.sha256(unsaved).hexdigest(), on_disk=False)
        if cache is None or cache.persistent:
            return file
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return None, [error(Location(path=shown), "unreadable", f"cannot read file: {exc.strerror}")]
        file = _File(path, shown, data, hashlib.sha256(data).hexdigest())
    if cache is not None and cache.enabled:
        document = cache.get("documents", file.key(cache), load=lambda blob: _revive(blob, file))
        if isinstance(document, Document):
            return document, []
    return file


def _revive(blob: bytes, file: _File) -> Any:
    return _cache.load_document(blob, _cache.DeferredMarks(file.path, file.shown, file.content))


def _load_here(file: _File, cache: Cache | None) -> tuple[Document | None, list[Problem]]:
    """Parse and structure (fast when the file allows); remember the file if it loaded cleanly."""
    document, problems = _document_of(file, cache)
    if cache is not None and cache.enabled and document is not None and not problems:
        _remember(cache, file, document)
    return document, problems


def _remember(cache: Cache, file: _File, document: Document) -> None:
    cache.put("documents", file.key(cache), document, dump=_cache.dump_document)


def _load_in_helper(file: _File, cache: Cache | None) -> bytes | None:
    """In the forked helper: a clean file as its document's marks-free pickle (also what the
    cache keeps), else None, so a file with problems is loaded again here, where its problems
    keep their marks.

    Unpickling the document in this process costs 40% of taking in the fast reading's plain
    tree and structuring it again (docs/performance.md); the helper pickles it for the cache anyway."""
    document, problems = _document_of(file, cache)
    if document is None or problems:
        return None
    blob = _cache.dump_document(document)
    if cache is not None and cache.enabled:   # (written once the answers are sent: forked.defer)
        forked.defer(functools.partial(cache.put, "documents", file.key(cache), blob, dump=bytes))
    return blob


def _weight(item: _File | Path) -> int:
    """Bytes to load: what a file read holds, or what a file not yet read holds on disk."""
    if isinstance(item, _File):
        return len(item.data)
    try:
        return item.stat().st_size
    except OSError:
        return 0   # (read where it is loaded, which reports why it cannot be)


def _helper_answer(item: _File | Path, cache: Cache | None) -> bytes | None:
    """In the forked helper: `_load_in_helper`'s pickle, or a file not yet read found in the
    cache as its entry (this process takes it in as it would the cache's), each after the
    file's SHA-256, which its deferred marks check; None for what this process must load."""
    if isinstance(item, Path):
        read = _read(item, str(item), None)
        if isinstance(read, tuple):
            return None   # (unreadable: said where it is loaded)
        file = read
        if cache is not None and cache.enabled:
            entry = cache.get("documents", file.key(cache), load=bytes)
            if entry is not None:
                return file.content.encode("ascii") + entry
    else:
        file = item
    blob = _load_in_helper(file, cache)
    return None if blob is None else file.content.encode("ascii") + blob


def _from_helper_answer(blob: bytes, item: _File | Path) -> Document | None:
    """A `_helper_answer` taken in, or None when it is not a document (a damaged cache entry:
    this process loads the file itself)."""
    path = item.path if isinstance(item, _File) else item
    marks = _cache.DeferredMarks(path, str(path), blob[:64].decode("ascii"))
    try:
        document = _cache.load_document(memoryview(blob)[64:], marks)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss, as in Cache.get
        return None
    return document if isinstance(document, Document) else None


def _fast_allowed(file: _File, cache: Cache | None) -> bool:
    """Not for an editor's unsaved text nor a live cache (`argmap lsp`): their documents keep
    their marks, and deferred marks are found by reading the file on disk."""
    return file.on_disk and (cache is None or cache.persistent)


def _document_of(file: _File, cache: Cache | None) -> tuple[Document | None, list[Problem]]:
    """The fast way when it gives a clean document, else the exact way, which is the authority:
    a file with any problem, or anything the fast reader could hide, is read with every mark.
    A plainly written file is made as its tree is walked, once (`_plain.document_in_order`);
    failing that, the tree is walked and checked first (`_fast.verified`), as it was before."""
    if _fast_allowed(file, cache) and (scanned := _fast_reading(file)) is not None:
        marks = _cache.DeferredMarks(file.path, file.shown, file.content)
        document = _plain.document_in_order(scanned, file.shown, marks, Document)
        if document is None:
            from argmap import _fast

            reading = _fast.verified(scanned)
            if reading is not None:
                document = _structure_reading(reading.tree, reading.placed, file, marks)
        if document is not None:
            return document, []
    return _document_from_bytes(file.data, file.shown)


def _fast_reading(file: _File) -> _fast.Scan | None:
    from argmap import _fast

    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    scanned = _fast.scan(text, file.data)
    if scanned is None or scanned.tree.get("argmap") != FORMAT_VERSION:
        return None
    return scanned


def _structure_reading(tree: dict[str, Any], placed: dict[int, tuple[int, int]],
                       file: _File, marks: _cache.DeferredMarks) -> Document | None:
    """A fast reading structured, when that gives a document with no problem at all; its
    objects keep their starts, their fields' marks are deferred (as from the cache)."""
    plain = _plain.document(tree, placed, file.shown, marks, Document)
    if plain is not None:
        return plain   # (what cattrs would make, without it: argmap._plain)
    tokens = (_current_path.set(file.shown), _skipped.set([]), _broken.set([]),
              _placed.set((placed, marks, file.shown)))
    try:
        document = _converter().structure(tree, Document)
        clean = not _skipped.get() and not _broken.get()
    except Exception:  # noqa: BLE001 - a problem: the exact way reports it, located
        return None
    finally:
        _placed.reset(tokens[3])
        _broken.reset(tokens[2])
        _skipped.reset(tokens[1])
        _current_path.reset(tokens[0])
    return document if clean else None


def _document_from_bytes(data: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    from argmap import _yaml

    text, problems = _yaml.decode(data, shown)
    if text is None:
        return None, problems
    tree, problems = _yaml.parse(text, shown, cuts=True)
    if tree is None:
        return None, problems
    top = Location(path=shown, line=tree.start[0] if hasattr(tree, "start") else 1,
                   column=tree.start[1] if hasattr(tree, "start") else 1, marks=tree)
    if not isinstance(tree, dict):
        return None, problems + [error(top, "not-a-mapping",
                                       "a map file is a mapping of keys ('argmap: 1', 'claims:', ...), "
                                       f"not {_describe(tree)}")]
    if "argmap" not in tree:
        return None, problems + [error(top, "missing-key",
                                       "missing 'argmap: 1' (the format version) at the top of the file")]
    version = tree["argmap"]
    if version != FORMAT_VERSION:
        return None, problems + [error(top.of("argmap"), "unsupported-version",
                                       f"unsupported format version '{version}'; this argmap reads 'argmap: 1'")]
    path_token = _current_path.set(shown)
    skipped_token = _skipped.set([])
    broken_token = _broken.set([])
    try:
        document: Document | None
        try:
            document = _converter().structure(tree, Document)
        except Exception as exc:  # noqa: BLE001 - reported, located, below
            problems.extend(_problems(exc, tree, top))
            document = _without_broken_sections(tree, exc)
        problems.extend(_skipped.get())
        if document is not None and _broken.get():
            document = attrs.evolve(document, gaps=_gaps_of(_broken.get()))
    finally:
        _current_path.reset(path_token)
        _skipped.reset(skipped_token)
        _broken.reset(broken_token)
    return document, problems


def _without_broken_sections(tree: Any, exc: BaseException) -> Document | None:
    """The file again without the top-level keys that failed (reported already), so the rest of
    it is still checked: a misspelt top-level key or a bad `id` does not hide the claims."""
    from cattrs.errors import ForbiddenExtraKeysError

    bad: set[Any] = set()
    for sub in exc.exceptions if isinstance(exc, BaseExceptionGroup) else (exc,):
        if isinstance(sub, ForbiddenExtraKeysError):
            bad.update(sub.extra_fields)
        elif (step := _step(sub)) is not None:
            bad.add(step)
    if not bad or "argmap" in bad:
        return None
    kept = _yaml_dict({k: v for k, v in tree.items() if k not in bad and k != "\x00location"}, tree)
    _skipped.get().clear()
    _broken.get().clear()
    try:
        document = _converter().structure(kept, Document)
    except Exception:  # noqa: BLE001 - its problems were reported on the first try
        return None
    return attrs.evolve(document, location=_location_of(tree))


def _yaml_dict(items: dict[str, Any], like: Any) -> Any:
    from argmap._yaml import MarkedDict

    kept = MarkedDict(items)
    kept.start, kept.keys_at, kept.values_at = like.start, like.keys_at, like.values_at
    return kept


def _gaps_of(broken: list[tuple[type, str]]) -> Gaps:
    return Gaps(claims=frozenset(i for c, i in broken if c is Claim),
                theses=frozenset(i for c, i in broken if c is Thesis),
                sources=frozenset(i for c, i in broken if c is Source))


def find_map_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders to their `*.yaml`/`*.yml` files, sorted, so order never depends on the disk.

    Nothing that looks meant to be read is skipped silently: a sub-folder, a broken symbolic
    link or a `.YAML` file is named in a `skipped-file` warning, with why. Hidden entries
    (`.git`, editor files) and files of other kinds (README.md, notes.txt) are not maps.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            try:
                entries = sorted(path.iterdir())
            except OSError as exc:
                problems.append(error(Location(path=str(path)), "unreadable",
                                      f"cannot read folder: {exc.strerror or exc}"))
                continue
            for entry in entries:
                if entry.suffix in (".yaml", ".yml") and entry.is_file():
                    files.append(entry)
                elif (why := _why_skipped(entry)) is not None:
                    problems.append(warning(Location(path=str(entry)), "skipped-file", why))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(error(Location(path=str(path)), "no-such-file",
                                  "no such file or folder"))
    return sorted(set(files)), problems


def _why_skipped(entry: Path) -> str | None:
    if entry.name.startswith("."):
        return None
    yaml_like = entry.suffix.lower() in (".yaml", ".yml")
    if entry.is_symlink() and not entry.exists():
        return ("not read: a symbolic link to nothing (broken link)" if yaml_like else None)
    if entry.is_dir():
        return ("not read: a sub-folder (argmap reads the maps of the folder it is given; "
                "name the sub-folder too to read its maps)")
    if yaml_like and entry.is_file():
        return f"not read: only *.yaml and *.yml files are maps; rename it to {entry.stem}{entry.suffix.lower()}"
    if yaml_like:
        return "not read: not a regular file"
    return None


# The helper's part of the files to load, by bytes: it also pickles each document (a sixth more
# work), and this process unpickles them once it has loaded its own (a fifth of the work of
# loading them), so both finish together when the helper takes 46% (docs/performance.md).
_HELPER_SHARE = 0.46


def load_documents(files: Sequence[Path], cache: Cache | None = None,
                   unsaved: Mapping[Path, bytes] | None = None,
                   ) -> list[tuple[Path, Document | None, list[Problem]]]:
    """Load files in order; what the cache lacks is parsed on both cores when there is enough.

    A file the helper process loaded comes back as its fast reading (or a marks-free pickle),
    with deferred marks exactly like a cached one; a file with problems is always loaded here. A file in `unsaved`
    (an editor's buffers, by path) is loaded from that text instead of the disk.
    """
    unsaved = unsaved or {}
    outcomes: dict[int, tuple[Document | None, list[Problem]]] = {}
    fresh: list[tuple[int, _File | Path]] = []
    for index, path in enumerate(files):
        if fresh and path not in unsaved and (cache is None or cache.persistent):
            # A cold run (a file to load): the others are read, hashed and looked up in the cache
            # by the process that loads them, the helper its share on the second core (not all
            # here before it is forked: a fifth of a second's work at 50,000 claims).
            fresh.append((index, path))
            continue
        read = _read(path, str(path), cache, unsaved.get(path))
        if isinstance(read, tuple):
            outcomes[index] = read
        else:
            fresh.append((index, read))
    # This process's clean files are written to a persistent cache once it has loaded them, in a
    # child forked then, beside this process taking in the helper's files and gathering the
    # quotes (pickling them is a tenth of a cold run); the helper writes its own.
    later = cache is not None and cache.persistent and cache.enabled
    remembered: list[tuple[_File, Document]] = []

    def here(item: _File | Path) -> tuple[Document | None, list[Problem]]:
        if isinstance(item, Path):
            read = _read(item, str(item), cache)
            if isinstance(read, tuple):
                return read
            item = read
        file = item
        if file.path in unsaved and cache is not None and cache.persistent:
            return _load_here(file, None)
        if not later:
            return _load_here(file, cache)
        document, problems = _document_of(file, cache)
        if document is not None and not problems:
            remembered.append((file, document))
        return document, problems

    def received(blob: bytes, item: _File | Path) -> tuple[Document | None, list[Problem]]:
        document = _from_helper_answer(blob, item)
        if document is not None:
            return document, []
        # (a damaged entry the helper found: loaded here and written again, as for Cache.get's miss)
        read = _read(item, str(item), None) if isinstance(item, Path) else item
        return read if isinstance(read, tuple) else _load_here(read, cache)

    first = fresh[0][1] if fresh else None   # (read: a _File)
    if len(fresh) > 1 and isinstance(first, _File) and _fast_allowed(first, cache):
        # The fast reader and its parser imported before the helper is forked: both processes
        # need them (compiling the gate's expressions is a few milliseconds), one imports them.
        from argmap import _fast

        _fast.load_parser()

    def write() -> None:
        assert cache is not None
        for file, document in remembered:
            _remember(cache, file, document)

    loaded = forked.split_run(
        [item for _, item in fresh], weigh=_weight, here=here,
        in_helper=lambda item: _helper_answer(item, cache), receive=received, share=_HELPER_SHARE,
        mine_done=lambda: forked.defer(write) if remembered else None)
    for (index, _), outcome in zip(fresh, loaded, strict=True):
        outcomes[index] = outcome
    return [(path, *outcomes[index]) for index, path in enumerate(files)]


def build_corpus(documents: Iterable[tuple[Path, Document | None]]) -> Corpus:
    """Documents to a Corpus; maps take their id from `id:` or the file name."""
    sources: list[Source] = []
    theses: list[Thesis] = []
    maps: list[Map] = []
    folders: list[str] = []
    gaps = Gaps()
    for path, document in documents:
        if document is None:
            continue
        sources.extend(document.sources)
        folders.extend(str((path.parent / d).resolve()) for d in document.sources_dir
                       if str((path.parent / d).resolve()) not in folders)
        theses.extend(document.theses)
        map_id = document.id if document.id is not None else path.stem
        if document.gaps:
            gaps = gaps | attrs.evolve(document.gaps,
                                       claims=frozenset(f"{map_id}/{c}" for c in document.gaps.claims))
        if _is_map(document):
            maps.append(Map(
                id=map_id,
                authors=document.authors, source=document.source,
                claims=document.claims, stances=document.stances,
                location=document.location,
            ))
    return Corpus(
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        theses=tuple(sorted(theses, key=lambda t: t.id)),
        maps=tuple(sorted(maps, key=lambda m: m.id)),
        sources_dirs=tuple(folders),
        gaps=gaps,
    )


def _is_map(document: Document) -> bool:
    return bool(document.id is not None or document.authors or document.source
                or document.claims or document.stances)


def load_corpus(paths: Sequence[Path], cache: Cache | None = None,
                unsaved: Mapping[Path, bytes] | None = None) -> tuple[Corpus, list[Problem]]:
    """Every file under `paths` to one Corpus, with every loading problem (none raised).

    `unsaved` maps paths to an editor's text of them (the language server's open buffers): each
    is loaded in place of the file on disk, or beside the files of its folder when it is new.
    """
    files, problems = find_map_files(paths)
    if unsaved:
        folders = {path.resolve() for path in paths if path.is_dir()}
        files = sorted(set(files) | {path for path in unsaved
                                     if path.suffix in (".yaml", ".yml")
                                     and (path in files or path.parent.resolve() in folders)})
    if not files and not any(p.severity.value == "error" for p in problems):
        shown = ", ".join(str(p) for p in paths)
        problems.append(error(Location(path=shown), "empty-corpus",
                              "no map files here: a corpus is a folder of *.yaml files "
                              "(start one with 'argmap new')"))
    loaded = load_documents(files, cache, unsaved)
    for _path, _document, file_problems in loaded:
        problems.extend(file_problems)
    corpus = build_corpus((path, document) for path, document, _ in loaded)
    unreadable = [path for path, document, _ in loaded if document is None]
    if unreadable:
        corpus = attrs.evolve(corpus, gaps=corpus.gaps | _salvage(unreadable))
    return corpus, problems


def _salvage(paths: Sequence[Path]) -> Gaps:
    """What a file that could not be read at all seems to define, read line by line: its stem as
    a map and every `id: slug` as a claim, thesis or source. Its own error says what is wrong; a
    reference into it is not reported again at every use."""
    import re

    pattern = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)['\"]?[ \t]*(?:#.*)?$", re.M)
    maps: set[str] = set()
    ids: set[str] = set()
    claims: set[str] = set()
    for path in paths:
        try:
            text = path.read_bytes()[:_SALVAGE_LIMIT].decode("utf-8", errors="replace")
        except OSError:
            text = ""
        found = pattern.findall(text)
        top = re.search(r"^id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)", text, re.M)
        map_id = top.group(1) if top else path.stem
        maps.add(map_id)
        ids.update(found)
        claims.update(f"{map_id}/{i}" for i in found)
    return Gaps(maps=frozenset(maps), claims=frozenset(claims), theses=frozenset(ids),
                sources=frozenset(ids))


_SALVAGE_LIMIT = 8 << 20


def load_corpus_or_raise(paths: Sequence[Path]) -> Corpus:
    corpus, problems = load_corpus(paths)
    if problems:
        raise ArgmapError(problems)
    return corpus
