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
from pathlib import Path
from typing import Any, Iterable, Sequence

import attrs

# cattrs, the YAML parser and difflib are imported where used: a run whose files all come from
# the cache (argmap.cache) needs none of them, and importing them is a fifth of its time.
from argmap import forked
from argmap import cache as _cache
from argmap.cache import Cache
from argmap.errors import ArgmapError, Location, Problem, error
from argmap.model import (
    Author, Claim, Corpus, Evidence, Kind, Map, Position, Source, Stance, Thesis, Undercut,
)

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


# --- the converter -------------------------------------------------------------------------------

class _WrongType(TypeError):
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
    return f"'{value}'"


_current_path: contextvars.ContextVar[str] = contextvars.ContextVar("path", default="<memory>")
_skipped: contextvars.ContextVar[list[Problem]] = contextvars.ContextVar("skipped")


def _location_of(tree: Any) -> Location:
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
    for cls in (Kind, Position):
        converter.register_structure_hook(cls, _structure_enum)
    for cls in (Author, Evidence, Undercut, Claim, Stance, Source, Thesis, Map, Document):
        renames = {"from_": override(rename="from")} if cls is Undercut else {}
        if cls is Document:
            renames = {"sources_dir": override(struct_hook=_structure_folders)}
        base = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True,
            location=override(rename="\x00location"), **renames,
        )
        converter.register_structure_hook(cls, _located(base, cls.__name__.lower()))
    for cls in (Claim, Stance, Source, Thesis, Author, Evidence, Undercut):
        converter.register_structure_hook_func(
            lambda t, item=cls: t == tuple[item, ...], _lenient_items(converter, cls))
    return converter


def _located(base: Any, what: str) -> Any:
    """Hand each object its Location via a key no YAML file can spell."""
    def structure(value: Any, cls: type) -> Any:
        if not isinstance(value, dict):
            raise _WrongType(f"a mapping (a {what} with keys)", value)
        value["\x00location"] = _location_of(value)
        return base(value, cls)
    return structure


def _lenient_items(converter: cattrs.Converter, cls: type) -> Any:
    """A list whose broken items are reported and skipped, so the rest still loads."""
    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise _WrongType(f"a list of {cls.__name__.lower()}s", value)
        items = []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, cls))
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
                where = _item_location(value, index)
                _skipped.get().extend(_problems(exc, item, where))
        return tuple(items)
    return structure


def _item_location(items: Any, index: int) -> Location:
    position = items.value_mark(index) if hasattr(items, "value_mark") else None
    line, column = position or getattr(items, "start", (1, 1))
    return Location(path=_current_path.get(), line=line, column=column)


_FIELDS = {
    cls: sorted(("from" if a.name == "from_" else a.name) for a in attrs.fields(cls) if a.name != "location")
    for cls in (Author, Evidence, Undercut, Claim, Stance, Source, Thesis, Document)
}
_REQUIRED = {
    cls: {a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING and a.name != "location"}
    for cls in _FIELDS
}


# --- cattrs errors -> located problems -----------------------------------------------------------

def _problems(exc: BaseException, tree: Any, where: Location) -> list[Problem]:
    """Walk a cattrs error tree alongside the YAML tree, locating each leaf."""
    found: list[Problem] = []
    _walk(exc, tree, where, found)
    return found


def _walk(exc: BaseException, tree: Any, where: Location, found: list[Problem]) -> None:
    import difflib

    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        known = _FIELDS.get(exc.cl, [])
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(known)})"
            found.append(error(_key_location(tree, key, where), "unknown-key",
                               f"unknown key '{key}'{hint}"))
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

    def key(self, cache: Cache) -> str:
        return cache.key("document", self.shown, self.content)


def _read(path: Path, shown: str, cache: Cache | None) -> _File | tuple[Document | None, list[Problem]]:
    """The file's bytes to load, or its outcome already: unreadable, or found in the cache."""
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
    """Parse and structure with every mark kept; remember the file if it loaded cleanly."""
    document, problems = _document_from_bytes(file.data, file.shown)
    if cache is not None and cache.enabled and document is not None and not problems:
        cache.put("documents", file.key(cache), document, dump=_cache.dump_document)
    return document, problems


def _load_in_helper(file: _File, cache: Cache | None) -> bytes | None:
    """In the forked helper: a clean document as a marks-free pickle (also cached), else None,
    so a file with problems is loaded again here, where its problems keep their marks."""
    document, problems = _document_from_bytes(file.data, file.shown)
    if document is None or problems:
        return None
    blob = _cache.dump_document(document)
    if cache is not None and cache.enabled:
        cache.put("documents", file.key(cache), blob, dump=bytes)
    return blob


def _document_from_bytes(data: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    from argmap import _yaml

    text, problems = _yaml.decode(data, shown)
    if text is None:
        return None, problems
    tree, problems = _yaml.parse(text, shown)
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
    try:
        try:
            document = _converter().structure(tree, Document)
        except Exception as exc:  # noqa: BLE001 - reported, located, below
            document = None
            problems.extend(_problems(exc, tree, top))
        problems.extend(_skipped.get())
    finally:
        _current_path.reset(path_token)
        _skipped.reset(skipped_token)
    return document, problems


def find_map_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders to their `*.yaml`/`*.yml` files, sorted, so order never depends on the disk."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(error(Location(path=str(path)), "no-such-file",
                                  "no such file or folder"))
    return sorted(set(files)), problems


def load_documents(files: Sequence[Path],
                   cache: Cache | None = None) -> list[tuple[Path, Document | None, list[Problem]]]:
    """Load files in order; what the cache lacks is parsed on both cores when there is enough.

    A file the helper process loaded comes back as a marks-free pickle with deferred marks,
    exactly like a cached one; a file with problems is always loaded here.
    """
    outcomes: list[tuple[Document | None, list[Problem]] | None] = [None] * len(files)
    fresh: list[tuple[int, _File]] = []
    for index, path in enumerate(files):
        read = _read(path, str(path), cache)
        if isinstance(read, tuple):
            outcomes[index] = read
        else:
            fresh.append((index, read))
    loaded = forked.split_run(
        [file for _, file in fresh], weigh=lambda file: len(file.data),
        here=lambda file: _load_here(file, cache),
        in_helper=lambda file: _load_in_helper(file, cache),
        receive=lambda blob, file: (_revive(blob, file), []))
    for (index, _), outcome in zip(fresh, loaded):
        outcomes[index] = outcome
    return [(path, *outcome) for path, outcome in zip(files, outcomes)]  # type: ignore[misc]


def build_corpus(documents: Iterable[tuple[Path, Document | None]]) -> Corpus:
    """Documents to a Corpus; maps take their id from `id:` or the file name."""
    sources: list[Source] = []
    theses: list[Thesis] = []
    maps: list[Map] = []
    folders: list[str] = []
    for path, document in documents:
        if document is None:
            continue
        sources.extend(document.sources)
        folders.extend(str((path.parent / d).resolve()) for d in document.sources_dir
                       if str((path.parent / d).resolve()) not in folders)
        theses.extend(document.theses)
        if _is_map(document):
            maps.append(Map(
                id=document.id if document.id is not None else path.stem,
                authors=document.authors, source=document.source,
                claims=document.claims, stances=document.stances,
                location=document.location,
            ))
    return Corpus(
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        theses=tuple(sorted(theses, key=lambda t: t.id)),
        maps=tuple(sorted(maps, key=lambda m: m.id)),
        sources_dirs=tuple(folders),
    )


def _is_map(document: Document) -> bool:
    return bool(document.id is not None or document.authors or document.source
                or document.claims or document.stances)


def load_corpus(paths: Sequence[Path], cache: Cache | None = None) -> tuple[Corpus, list[Problem]]:
    """Every file under `paths` to one Corpus, with every loading problem (none raised)."""
    files, problems = find_map_files(paths)
    loaded = load_documents(files, cache)
    for _path, _document, file_problems in loaded:
        problems.extend(file_problems)
    corpus = build_corpus((path, document) for path, document, _ in loaded)
    return corpus, problems


def load_corpus_or_raise(paths: Sequence[Path]) -> Corpus:
    corpus, problems = load_corpus(paths)
    if problems:
        raise ArgmapError(problems)
    return corpus
