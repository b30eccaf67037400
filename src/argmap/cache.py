"""A per-user cache of parsed map files and verified quotes, keyed by content hash.

Why: parsing and structuring 10,000 claims costs about 0.4 s, unpickling the same model 0.06 s,
and a teacher editing one map re-runs `check`, `table` or `build` on files that did not change.
Entries are keyed by a SHA-256 of everything the result depends on (the bytes, the name shown in
diagnostics, argmap's version and the code that shapes the result), so a stale entry is never
found, only left behind.

Exactness: a cached object keeps its own line and column but not the YAML marks of its fields.
Its Location instead holds a `DeferredMarks` for the file, which parses the file again, the exact
way, the first time a rule asks where a field is (`location.of("quote")`). So diagnostics are
located the same with or without the cache; only files that have problems pay for a parse.

Safety: the cache folder is created private (0700) and used only when the current user owns it
and no one else can write to it, because entries are pickles. Any failure to read or write an
entry is a miss, never an error: the cache can be deleted at any time (`rm -r ~/.cache/argmap`),
and `ARGMAP_NO_CACHE=1` turns it off. Entries unused for 30 days are deleted.
"""

from __future__ import annotations

import contextvars
import copyreg
import hashlib
import io
import operator
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from argmap import __version__
from argmap._makers import maker
from argmap.errors import Location

__all__ = ["Cache", "MemoryCache", "DeferredMarks", "digest"]

# Bump when the layout of entries changes in a way the code fingerprint would not catch.
_LAYOUT = "2"
# Entries unused this long are deleted, at most once a day, by the first run that writes one.
MAX_AGE_DAYS = 30
# The modules whose code decides what a cached entry contains.
_SHAPING = ("model.py", "errors.py", "load.py", "_yaml.py", "quotes.py", "cache.py", "_makers.py")


def digest(*parts: bytes | str) -> str:
    """One hex SHA-256 over several parts, each length-prefixed so no two splits collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    stamps = []
    for name in _SHAPING:
        try:
            st = (here / name).stat()
            stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:?")
    return digest(__version__, _LAYOUT, sys.version, *stamps)


class Cache:
    """Get and put picklable values by (kind, key); a disabled cache misses and drops everything."""

    persistent = True  # entries outlive the process (so an editor's unsaved text is never put)

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._salt = _code_fingerprint() if root is not None else ""
        self._pruned = False
        self._folders: set[Path] = set()   # made this run: one mkdir per folder, not per entry

    @classmethod
    def default(cls) -> Cache:
        """`ARGMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/argmap`, else `~/.cache/argmap`."""
        if os.environ.get("ARGMAP_NO_CACHE", "") not in ("", "0"):
            return cls(None)
        explicit = os.environ.get("ARGMAP_CACHE_DIR")
        if explicit:
            root = Path(explicit)
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            root = Path(base) / "argmap"
        return cls(root if _private_folder(root) else None)

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def key(self, *parts: bytes | str) -> str:
        return digest(self._salt, *parts)

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str, load: Callable[[bytes], Any] = pickle.loads) -> Any | None:
        if self.root is None:
            return None
        path = self._path(kind, key)
        try:
            value = load(path.read_bytes())
            os.utime(path)  # a used entry is kept (see prune)
            return value
        except Exception:  # noqa: BLE001 - a missing, truncated or foreign entry is a miss
            return None

    def put(self, kind: str, key: str, value: Any, dump: Callable[[Any], bytes] = pickle.dumps) -> None:
        if self.root is None:
            return
        if not self._pruned:
            self._pruned = True
            self.prune()
        target = self._path(kind, key)
        try:
            data = dump(value)
            if target.parent not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                self._folders.add(target.parent)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # noqa: BLE001 - a full disk or read-only home only costs speed
            return

    def prune(self, max_age_days: float = MAX_AGE_DAYS, now: float | None = None) -> int:
        """Delete entries unused for `max_age_days`, at most once a day; returns how many."""
        if self.root is None:
            return 0
        now = time.time() if now is None else now
        stamp = self.root / ".pruned"
        try:
            if now - stamp.stat().st_mtime < 86400:
                return 0
        except OSError:
            pass
        removed = 0
        for kind in ("documents", "quotes", "picture"):   # picture: argmap.build's
            for entry in (self.root / kind).glob("*/*"):
                try:
                    if now - entry.stat().st_mtime > max_age_days * 86400:
                        entry.unlink()
                        removed += 1
                except OSError:
                    continue
        try:
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            pass
        return removed


class MemoryCache(Cache):
    """The same entries kept as live objects in this process, for a process that lives on
    (`argmap lsp`): nothing is pickled or written, so unsaved text may be remembered too, and
    a document keeps its YAML marks. The oldest entries go once there are more than `size`."""

    persistent = False

    def __init__(self, size: int = 1024) -> None:
        super().__init__(None)
        self.size = size
        self._entries: dict[tuple[str, str], Any] = {}

    @property
    def enabled(self) -> bool:
        return True

    def get(self, kind: str, key: str, load: Callable[[bytes], Any] = pickle.loads) -> Any | None:
        value = self._entries.pop((kind, key), None)
        if value is not None:
            self._entries[(kind, key)] = value  # most recently used last
        return value

    def put(self, kind: str, key: str, value: Any, dump: Callable[[Any], bytes] = pickle.dumps) -> None:
        self._entries[(kind, key)] = value
        while len(self._entries) > self.size:
            del self._entries[next(iter(self._entries))]


def _private_folder(root: Path) -> bool:
    """Create the folder private, and trust it only if it is ours and no one else can write to it."""
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = root.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --- documents with deferred marks ---------------------------------------------------------------

class DeferredMarks:
    """Where the fields of a cached file's objects are, found by parsing the file when first asked.

    Objects are found by their start (line, column), which is unique among the mappings of a
    file. If the file changed since it was read, positions fall back to each object's own start.
    """

    __slots__ = ("path", "shown", "content_digest", "_index")

    def __init__(self, path: Path, shown: str, content_digest: str) -> None:
        self.path, self.shown, self.content_digest = path, shown, content_digest
        self._index: dict[tuple[int, int], Any] | None = None

    def resolve(self, line: int, column: int) -> Any:
        if self._index is None:
            self._index = self._build_index()
        return self._index.get((line, column))

    def _build_index(self) -> dict[tuple[int, int], Any]:
        from argmap import _yaml

        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if hashlib.sha256(data).hexdigest() != self.content_digest:
            return {}
        text, _ = _yaml.decode(data, self.shown)
        tree, _ = _yaml.parse(text, self.shown) if text is not None else (None, [])
        index: dict[tuple[int, int], Any] = {}
        stack: list[Any] = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, _yaml.MarkedDict):   # parse makes only Marked containers
                index.setdefault(node.start, node)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return index


_restoring: contextvars.ContextVar[DeferredMarks | None] = contextvars.ContextVar("restoring", default=None)


class _Marks:
    """Stands for the marks of the file being read back: pickled once per entry (every Location
    refers to this one object), and taken back as the `DeferredMarks` `load_document` was given."""

    def __reduce__(self) -> tuple[Callable[[], DeferredMarks | None], tuple[()]]:
        return _current_marks, ()


def _current_marks() -> DeferredMarks | None:
    return _restoring.get()


_MARKS = _Marks()


_MAKE_LOCATION = maker(Location)


def _reduce_location(location: Location) -> tuple[Any, tuple[str, int, int, _Marks]]:
    return _MAKE_LOCATION, (location.path, location.line, location.column, _MARKS)


_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH[Location] = _reduce_location


def dump_document(document: Any) -> bytes:
    """Pickle a loaded document without its YAML trees: only positions are kept."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_for(type(document))
    pickler.dump(document)
    return buffer.getvalue()


_DISPATCH_FOR: dict[type, dict[type, Any]] = {}


def _dispatch_for(top: type) -> dict[type, Any]:
    """The model's classes pickled as a call of their maker (`argmap._makers`) with the tuple of
    their fields, read in C (attrgetter): attrs' own state is a dict built in Python for each
    object, and its __setstate__ a loop in Python. Not `Location` (the model imports it): it
    keeps `_reduce_location`, which leaves its marks (a YAML tree, or the caching run's deferred
    marks) out of the entry."""
    if top not in _DISPATCH_FOR:
        from argmap import model

        dispatch = dict(_DISPATCH)
        for cls in (top, *(c for c in vars(model).values() if isinstance(c, type) and attrs.has(c))):
            dispatch.setdefault(cls, _as_fields(cls))
        _DISPATCH_FOR[top] = dispatch
    return _DISPATCH_FOR[top]


def _as_fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [field.name for field in attrs.fields(cls)]
    fields = operator.attrgetter(*names)
    make = maker(cls)
    if "location" not in names or len(names) < 3:   # (attrgetter of one name gives no tuple)
        def reduce(obj: Any) -> tuple[Any, ...]:
            return make, fields(obj)
        return reduce
    # An object with its own Location carries it inline (one call to make both when read back);
    # one shared with other objects (a default) is pickled once, as itself.
    names.remove("location")
    own = operator.attrgetter(*names)
    make_located = maker(cls, located=True)
    default = attrs.fields_dict(cls)["location"].default

    def reduce_located(obj: Any) -> tuple[Any, ...]:
        at = obj.location
        if at is default:
            return make, fields(obj)
        return make_located, (*own(obj), at.path, at.line, at.column, _MARKS)
    return reduce_located


def load_document(data: bytes | memoryview, marks: DeferredMarks) -> Any:
    token = _restoring.set(marks)
    try:
        return pickle.loads(data)
    finally:
        _restoring.reset(token)
