"""Tables, matrices and diffs as text: terminal, Markdown, CSV, HTML, LaTeX and JSON.

Every renderer is a pure `to_<format>(result, *, options) -> str` over the plain results of
`argmap.compare` (Table, Matrix, VoiceDiff, CorpusDiff); nothing here reads files or the terminal.
Each format escapes for its own syntax, so text a map author typed (`|`, `<script>`, `\\input`,
`=cmd`, new lines) stays text. Output is sorted as the results are, and so byte-stable.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring
from typing import Any

from argmap.compare import (
    DEFAULT_THRESHOLD,
    Camp,
    Change,
    CorpusDiff,
    Matrix,
    Pair,
    Relation,
    Row,
    Side,
    Summary,
    Table,
    Verdict,
    Voice,
    VoiceDiff,
    clusters,
    pair_matrix,
    stance_table,
)
from argmap.model import Corpus, Position
from argmap.render.escape import html_text as _h
from argmap.render.escape import markdown as _md
from argmap.render.escape import one_line
from argmap.render.width import columns, head, wrap_words

__all__ = [
    "ASCII_SYMBOLS",
    "SYMBOLS",
    "TABLE_FILES",
    "table_files",
    "all_tables",
    "stance_tables",
    "matrix_tables",
    "to_csv",
    "to_html",
    "to_json",
    "to_latex",
    "to_md",
    "to_term",
    "voice_codes",
]

# Symbols that read in black and white; the ASCII set is for terminals that cannot show them.
SYMBOLS: dict[Position | None, str] = {Position.AGREE: "✓", Position.DISAGREE: "✗",
                                       Position.MIXED: "±", None: "·"}
ASCII_SYMBOLS: dict[Position | None, str] = {Position.AGREE: "+", Position.DISAGREE: "x",
                                             Position.MIXED: "~", None: "."}
_WORDS = {Position.AGREE: "agree", Position.DISAGREE: "disagree", Position.MIXED: "mixed", None: "silent"}
_RELATION_ORDER = (Relation.DISAGREE, Relation.PARTIAL, Relation.AGREE, Relation.ONLY_A, Relation.ONLY_B)
VERDICTS = {
    Verdict.CONTESTED: "at least one voice agrees and at least one disagrees",
    Verdict.CONSENSUS: "two or more voices speak and all take the same position",
    Verdict.QUALIFIED: "two or more speak, differing only because some are mixed",
    Verdict.LONE: "only one voice speaks",
    Verdict.UNADDRESSED: "no voice speaks",
}
DISTANCES = ("hamming = (disagree + partial) / both; bna = 1 - hamming (both: theses both address; "
             "none when both = 0); edit = (disagree + partial + theses only one addresses) / "
             "theses either addresses")
# The measures in plain words, for `argmap matrix` and the site's agreement picture.
MEASURES = (
    ("both", "the theses both voices take a stance on."),
    ("agree", "of those, how many they take the same position on (both mixed counts)."),
    ("hamming", "the share of `both` where they differ (one disagrees, or one is mixed): "
                "0 = always the same position, 1 = never."),
    ("bna", "the share of `both` where they agree: 1 - hamming (Betz's normalised agreement); "
            "none when they share no thesis."),
    ("edit", "of the theses at least one of them addresses, the share where they differ or only "
             "one speaks. Silence counts as a difference here, so voices that write about "
             "different things are far apart; the camps are drawn on this."),
)
CLOSEST = 5
# Up to this many voices the text formats list every pair (and md draws the grid); past it the
# lists would run to tens of thousands of lines no one reads: csv and json still hold every pair.
LISTED_VOICES = 50


def _too_many(matrix: Matrix) -> str | None:
    """Why the text formats leave out every pair, or None when they list them."""
    if len(matrix.voices) <= LISTED_VOICES:
        return None
    return (f"{len(matrix.voices):,} voices make {len(matrix.pairs):,} pairs, too many to read "
            f"as a list (it is kept to {LISTED_VOICES} voices or fewer): `--format csv` or "
            "`--format json` gives every pair, `--clusters` the camps.")


def camp_name(camp: Camp, text: Callable[[str], str] | None = None) -> str:
    """A camp named by what all its members share: "all agree: t1, t2; all disagree: t3", or
    what keeps it together when they share no position. `text` gives a thesis's words (its id
    by default)."""
    if not camp.shared:
        return "no position all of them share (they are close by what they leave unaddressed)"
    parts = []
    for position in (Position.AGREE, Position.DISAGREE, Position.MIXED):
        theses = [text(t) if text else t for t, p in camp.shared if p is position]
        if theses:
            parts.append(f"all {_WORDS[position]}: {', '.join(theses)}")
    return "; ".join(parts)


def _symbols(ascii_only: bool) -> dict[Position | None, str]:
    return ASCII_SYMBOLS if ascii_only else SYMBOLS


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _number(value: float | None, dash: str = "—") -> str:
    return dash if value is None else f"{value:.2f}"


def voice_codes(ids: Sequence[str]) -> dict[str, str]:
    """Short, unique column codes for voice ids: `lind` → `li`, `jae-jeok-park` → `jp`."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    for voice in sorted(ids):
        parts = [p for p in voice.split("-") if p]
        candidates = []
        if len(parts) > 1:
            candidates.append(parts[0][0] + parts[-1][0])
        candidates += [voice[:n] for n in range(2, len(voice) + 1)] or [voice]
        code = next((c for c in candidates if c not in used), None)
        number = 1
        while code is None:
            code = f"{voice[0]}{number}" if f"{voice[0]}{number}" not in used else None
            number += 1
        codes[voice] = code
        used.add(code)
    return codes


# --- terminal: lines of styled spans, fitted to the width at the very end ---------------------------

Span = tuple[str, str]  # (text, SGR code or "")
Line = list[Span]

_STYLE = {Position.AGREE: "32", Position.DISAGREE: "31", Position.MIXED: "33", None: "2",
          Verdict.CONTESTED: "1;31", Verdict.CONSENSUS: "32", "head": "1", "added": "32",
          "removed": "31", "changed": "33", "dim": "2"}


def _clean(text: str | None) -> str:
    """One line of printable text for a file format: white space and line separators become
    single spaces; control, format and surrogate characters (escape sequences, bidi overrides)
    are dropped."""
    return one_line(text)


def _term_text(text: str | None) -> str:
    """One line for a terminal, by argmap.terminal's rule: control and bidirectional characters
    are shown escaped (`\\x1b`, `\\u202e`), so what a map holds stays visible without acting;
    white space as in `_clean`, other format and surrogate characters dropped."""
    return one_line(text, shown=True)


def _fit(text: str, width: int) -> str:
    if columns(text) <= width:
        return text
    return head(text, width - 1) + "…" if width >= 1 else ""


def _pad(text: str, width: int, align: str = "<") -> str:
    gap = " " * max(0, width - columns(text))
    return gap + text if align == ">" else text + gap


def _wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Greedy word wrap by display width, for the term format; words too long for a line are split."""
    text = _term_text(text)
    return wrap_words(text.split(" "), width, indent, hanging, ascii=text.isascii())


def _truncate(line: Line, width: int) -> Line:
    total = sum(columns(t) for t, _ in line)
    if total > width:
        kept: Line = []
        room = max(0, width - 1)
        for text, style in line:
            piece = head(text, room)
            kept.append((piece, style))
            room -= columns(piece)
            if piece != text:
                break
        line = kept + ([("…", "")] if width >= 1 else [])
    while line and line[-1][0].rstrip() != line[-1][0]:  # no trailing blanks
        text, style = line[-1]
        line = line[:-1] + ([(text.rstrip(), style)] if text.rstrip() else [])
    return line


def _finish(lines: Iterable[Line], width: int, color: bool) -> str:
    out = []
    for line in lines:
        spans = _truncate(line, width)
        out.append("".join(f"\x1b[{style}m{text}\x1b[0m" if color and style and text.strip() else text
                           for text, style in spans))
    return "\n".join(out) + "\n"


def _plain(*texts: str) -> Line:
    return [(t, "") for t in texts]


def _columns(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, *, indent: str = "",
             align: Sequence[str] = (), shrink: Iterable[int] = (),
             short: Sequence[str] | None = None) -> list[Line]:
    """A plain text table, columns two spaces apart. When it is too wide: the `short` headers,
    then one space apart, then the `shrink` columns cut with …; whatever is left is cut at the end."""
    count = len(headers)
    align = list(align) + ["<"] * (count - len(align))

    def widths_for(names: Sequence[str]) -> list[int]:
        return [max([columns(names[i])] + [columns(r[i]) for r in rows]) for i in range(count)]

    widths, gap = widths_for(headers), "  "
    if short and columns(indent) + sum(widths) + 2 * (count - 1) > width:
        headers, widths = short, widths_for(short)
    if columns(indent) + sum(widths) + 2 * (count - 1) > width:
        gap = " "
    shrinkable = [i for i in shrink if i < count]
    over = columns(indent) + sum(widths) + len(gap) * (count - 1) - width
    while over > 0 and shrinkable:
        widest = max(shrinkable, key=lambda i: widths[i])
        if widths[widest] <= 4:
            break
        widths[widest] -= 1
        over -= 1

    def line(cells: Sequence[str], row: int) -> Line:
        spans: Line = [(indent, "")]
        for i, cell in enumerate(cells):
            text = _pad(_fit(cell, widths[i]), widths[i], align[i])
            spans.append((text, _STYLE["head"] if row < 0 else ""))
            if i < count - 1:
                spans.append((gap, ""))
        return spans

    return [line(headers, -1)] + [line(r, n) for n, r in enumerate(rows)]


def _legend(sym: dict[Position | None, str]) -> str:
    return ", ".join(f"{sym[p]} {_WORDS[p]}" for p in (Position.AGREE, Position.DISAGREE,
                                                        Position.MIXED, None))


def _summary_spans(summary: Summary, sym: dict[Position | None, str], digits: int) -> Line:
    counts = ((Position.AGREE, summary.agree), (Position.DISAGREE, summary.disagree),
              (Position.MIXED, summary.mixed), (None, summary.silent))
    spans: Line = []
    for position, count in counts:
        spans.append((f"{sym[position]}{count:>{digits}} ", _STYLE[position] if count else ""))
    spans.append((summary.verdict.value, _STYLE.get(summary.verdict, "")))
    return spans


def _span_width(line: Line) -> int:
    return sum(columns(t) for t, _ in line)


def _table_term(table: Table, *, width: int = 80, color: bool = False, ascii: bool = False,
                because: bool = True) -> str:
    sym = _symbols(ascii)
    codes = voice_codes([v.id for v in table.voices])
    column = max((len(c) for c in codes.values()), default=1) + 1
    digits = len(str(len(table.voices)))
    summaries = [_summary_spans(r.summary, sym, digits) for r in table.rows]
    summary_width = max((_span_width(s) for s in summaries), default=0)
    label_width = max((len(r.thesis.id) for r in table.rows), default=0)
    times = "x" if ascii else "×"
    lines: list[Line] = [[((f"Stances: {_count(len(table.rows), 'thesis', 'theses')} {times} "
                            f"{_count(len(table.voices), 'voice')}"),
                           _STYLE["head"])]]

    def cells(row: Row, voices: Sequence[Voice]) -> Line:
        spans: Line = []
        for voice in voices:
            cell = row.cells[table.voices.index(voice)]
            spans.append((_pad(sym[cell.position], column), _STYLE[cell.position]))
        return spans

    header = [(_pad(codes[v.id], column), _STYLE["head"]) for v in table.voices]
    if label_width + 1 + len(table.voices) * column + 1 + summary_width <= width:
        lines.append([(" " * (label_width + 1), "")] + header)
        for row, summary in zip(table.rows, summaries, strict=True):
            lines.append([(_pad(row.thesis.id, label_width + 1), "")] + cells(row, table.voices)
                         + [(" ", "")] + summary)
    else:
        per_line = max(1, (width - 2) // column)
        chunks = [table.voices[i:i + per_line] for i in range(0, len(table.voices), per_line)] or [()]
        for chunk in chunks:
            lines.append([("  ", "")] + [(_pad(codes[v.id], column), _STYLE["head"]) for v in chunk])
        for row, summary in zip(table.rows, summaries, strict=True):
            lines.append([(row.thesis.id, _STYLE["head"])])
            for chunk in chunks[:-1]:
                lines.append([("  ", "")] + cells(row, chunk))
            last = [("  ", "")] + cells(row, chunks[-1])
            if _span_width(last) + 1 + summary_width <= width:
                lines.append(last + [(" " * (2 + len(chunks[-1]) * column - _span_width(last) + 1), "")]
                             + summary)
            else:
                lines += [last, [("  ", "")] + summary]
    lines.append([])
    lines += [_plain(t) for t in _wrap(_legend(sym), width)]
    for verdict, meaning in VERDICTS.items():
        lines += [_plain(t) for t in _wrap(f"{verdict.value}: {meaning}", width, hanging="  ")]
    lines.append([])
    lines.append([("Voices", _STYLE["head"])])
    entries = [f"{codes[v.id]:<{column}}{_term_text(v.name)}"
               + (f" ({v.id})" if _term_text(v.name) != v.id else "")
               + (f", {_term_text(v.date)}" if v.date else "") for v in table.voices]
    entry_width = min(max((columns(e) for e in entries), default=1), max(1, width - 2))
    per_row = max(1, (width - 2) // (entry_width + 2))
    for i in range(0, len(entries), per_row):
        lines.append(_plain("  " + "  ".join(_pad(_fit(e, entry_width), entry_width)
                                             for e in entries[i:i + per_row])))
    if because:
        lines += _because_lines(table, sym, width)
    return _finish(lines, width, color)


def _short(reference: str, voice: str) -> str:
    """`lind/apology-fatigue` in lind's own cell reads `apology-fatigue`."""
    return reference[len(voice) + 1:] if reference.startswith(voice + "/") else reference


def _because_lines(table: Table, sym: dict[Position | None, str], width: int) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        spoken = [c for c in row.cells if not c.silent]
        if not spoken:
            continue
        if not lines:
            lines += [[], [("Because (the claims each voice gives)", _STYLE["head"])]]
        lines.append([(row.thesis.id, "")])
        for cell in spoken:
            text = f"{cell.voice} {sym[cell.position]} " + ", ".join(_short(r, cell.voice)
                                                                    for r in cell.because)
            lines += [_plain(t) for t in _wrap(text, width, indent="  ", hanging="      ")]
    return lines


# --- Markdown -------------------------------------------------------------------------------------

def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_summary(summary: Summary, sym: dict[Position | None, str]) -> str:
    return (f"{sym[Position.AGREE]} {summary.agree} {sym[Position.DISAGREE]} {summary.disagree} "
            f"{sym[Position.MIXED]} {summary.mixed} {sym[None]} {summary.silent}: "
            f"**{summary.verdict.value}**")


def _table_md(table: Table, *, ascii: bool = False) -> str:
    sym = _symbols(ascii)
    out = [f"## Stances: {_count(len(table.rows), 'thesis', 'theses')} × {_count(len(table.voices), 'voice')}",
           ""]
    out.append(_md_row(["Thesis"] + [f"{_md(v.name)} (`{v.id}`)" + (f", {_md(v.date)}" if v.date else "")
                                     for v in table.voices] + ["Summary"]))
    out.append(_md_row([":--"] + [":-:"] * len(table.voices) + [":--"]))
    for row in table.rows:
        cells = [f"**{row.thesis.id}**<br>{_md(row.thesis.text)}"]
        for cell in row.cells:
            if cell.silent:
                cells.append(sym[None])
            else:
                reasons = ", ".join(f"`{r}`" for r in cell.because)
                cells.append(f"{sym[cell.position]} {_WORDS[cell.position]}<br>{reasons}")
        cells.append(_md_summary(row.summary, sym))
        out.append(_md_row(cells))
    out += ["", f"Legend: {_legend(sym)}.", ""]
    out += [f"- **{v.value}**: {meaning}" for v, meaning in VERDICTS.items()]
    return "\n".join(out) + "\n"


# --- CSV ------------------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _csv_safe(value: object) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    return buffer.getvalue()


def _table_csv(table: Table) -> str:
    header: list[object] = ["thesis", "text"]
    for voice in table.voices:
        header += [voice.id, f"{voice.id} because"]
    header += ["agree", "disagree", "mixed", "silent", "verdict"]
    rows: list[list[object]] = [header]
    for row in table.rows:
        values: list[object] = [row.thesis.id, row.thesis.text]
        for cell in row.cells:
            values += [cell.position.value if cell.position else "", " ".join(cell.because)]
        s = row.summary
        values += [s.agree, s.disagree, s.mixed, s.silent, s.verdict.value]
        rows.append(values)
    return _csv(rows)


# --- HTML -----------------------------------------------------------------------------------------

# The page around a standalone table (never put into a page that embeds the fragment).
_PAGE_CSS = """\
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 0 1rem 2rem; max-width: 100rem; }
nav ul { list-style: none; padding: .5rem 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
a { color: #0b4f9c; }"""

_CSS = """\
.argmap-wrap { overflow-x: auto; max-width: 100%; position: relative; }
table.argmap-stances { border-collapse: collapse; font-size: 14px; }
.argmap-stances th, .argmap-stances td { border: 1px solid #8c8c8c; padding: .3em .5em; vertical-align: top;
  text-align: left; }
.argmap-stances thead th { background: #f2f2f2; }
.argmap-stances tbody th { font-weight: 400; min-width: 14rem; }
.argmap-stances td { min-width: 9rem; }
.argmap-stances td.agree { background: #e6f4e6; } .argmap-stances td.disagree { background: #fbe4e4; }
.argmap-stances td.mixed { background: #fdf3d7; }
.argmap-stances td.silent { color: #4d4d4d; text-align: center; min-width: 3rem; }
.argmap-stances .because { margin: .2em 0 0; padding-left: 1em; font-size: 90%; }
.argmap-stances .symbol { font-weight: bold; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }"""

# The site's navigation, for the copy `argmap build` writes to tables/stances.html.
_SITE_NAV = (("../index.html", "Agreement table"), ("../index.html#voices", "Voices"),
             ("../index.html#theses", "Theses"), ("../compare.html", "Compare two voices"))


def _table_html(table: Table, *, standalone: bool = True, style: bool = False,
                site: bool = False) -> str:
    """Readable: each thesis with its text, each reason by its claim's text (its `map/claim`
    reference in the title), each voice by name (its id below, to use with --maps). `style` puts the table's CSS before a fragment; `site` adds the
    built site's navigation (tables/stances.html)."""
    sym = SYMBOLS
    out = ['<div class="argmap-wrap" role="region" aria-labelledby="argmap-stances-caption" tabindex="0">',
           '<table class="argmap-stances">',
           (f'<caption id="argmap-stances-caption">Stances: '
            f"{_count(len(table.rows), 'thesis', 'theses')} × "
            f"{_count(len(table.voices), 'voice')}</caption>"),
           '<thead><tr><th scope="col">Thesis</th>'
           + "".join(f'<th scope="col">{_h(v.name)}<br><small>'
                     + (f'<time>{_h(v.date)}</time> · ' if v.date else "") + f'{_h(v.id)}</small></th>'
                     for v in table.voices)
           + '<th scope="col">Summary</th></tr></thead>', "<tbody>"]
    for row in table.rows:
        parts = [(f'<tr><th scope="row" id="thesis-{_h(row.thesis.id)}"><code>{_h(row.thesis.id)}</code>'
                  f"<br>{_h(row.thesis.text)}</th>")]
        for cell in row.cells:
            word = _WORDS[cell.position]
            symbol = f'<span class="symbol" aria-hidden="true">{sym[cell.position]}</span>'
            if cell.silent:
                parts.append(f'<td class="silent">{symbol}<span class="sr-only"> silent</span></td>')
                continue
            reasons = "".join(f'<li title="{_h(r)}">{_h(table.claims.get(r, r))}</li>'
                              for r in cell.because)
            parts.append(f'<td class="{word}">{symbol} {word}<ul class="because">{reasons}</ul></td>')
        s = row.summary
        parts.append(f'<td class="summary">{sym[Position.AGREE]} {s.agree} {sym[Position.DISAGREE]} '
                     f"{s.disagree} {sym[Position.MIXED]} {s.mixed} {sym[None]} {s.silent}<br>"
                     f'<strong class="{s.verdict.value}">{s.verdict.value}</strong></td></tr>')
        out.append("".join(parts))
    out += ["</tbody>", "</table>", "</div>",
            f'<p class="legend">{_h(_legend(sym))}.</p>',
            '<dl class="verdicts">' + "".join(f"<dt>{v.value}</dt><dd>{_h(m)}</dd>" for v, m in VERDICTS.items())
            + "</dl>"]
    body = "\n".join(out) + "\n"
    if not standalone:
        return f"<style>\n{_CSS}\n</style>\n{body}" if style else body
    nav = ('<nav aria-label="Site"><ul>'
           + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in _SITE_NAV)
           + "</ul></nav>\n") if site else ""
    return _html_page("argmap: stances", _PAGE_CSS + "\n" + _CSS,
                      f"{nav}<main>\n<h1>Where each voice stands</h1>\n{body}</main>\n")


def _html_page(title: str, css: str, body: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_h(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n"
            f"{body}</body>\n</html>\n")


# --- LaTeX ----------------------------------------------------------------------------------------

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
          "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
          "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", "[": "{[}", "]": "{]}"}
_LATEX_SYMBOLS = {Position.AGREE: r"\argmapagree", Position.DISAGREE: r"\argmapdisagree",
                  Position.MIXED: r"\argmapmixed", None: r"\argmapsilent"}


def latex_escape(text: str | None) -> str:
    """Text safe in a LaTeX paragraph or table cell: specials escaped, one line, and no ligature
    (`--`, ``` `` ```, `,,`) turning what was typed into other characters."""
    escaped = "".join(_LATEX.get(ch, ch) for ch in _clean(text))
    escaped = re.sub(r"([-`',])(?=\1)", r"\1{}", escaped)  # no -- --- `` '' ,, ligatures
    return re.sub(r"([!?])(?=`)", r"\1{}", escaped)           # nor ¡ ¿ from !` ?`


def _table_latex(table: Table, *, references: Sequence[tuple[str, str]] = ()) -> str:
    codes = voice_codes([v.id for v in table.voices])
    sym = _LATEX_SYMBOLS
    n = len(table.voices)
    out = [
        "% argmap stance table. \\input this into a document that loads booktabs",
        "% (\\usepackage{booktabs}). To change the symbols, define \\argmapagree, \\argmapdisagree,",
        "% \\argmapmixed and \\argmapsilent before the \\input (e.g. \\checkmark from amssymb).",
        r"\providecommand{\argmapagree}{\ensuremath{\surd}}",
        r"\providecommand{\argmapdisagree}{\ensuremath{\times}}",
        r"\providecommand{\argmapmixed}{\ensuremath{\pm}}",
        r"\providecommand{\argmapsilent}{\ensuremath{\cdot}}",
        r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}",
        r"\noindent\begin{tabular}{@{}l" + (f"*{{{n}}}{{c}}" if n else "") + r"@{\quad}rrrrl@{}}",
        r"\toprule",
        " & ".join(["Thesis"] + [latex_escape(codes[v.id]) for v in table.voices]
                   + [sym[Position.AGREE], sym[Position.DISAGREE], sym[Position.MIXED], sym[None],
                      "Verdict"]) + r" \\",
        r"\midrule",
    ]
    for row in table.rows:
        s = row.summary
        out.append(" & ".join([latex_escape(row.thesis.id)] + [sym[c.position] for c in row.cells]
                              + [str(s.agree), str(s.disagree), str(s.mixed), str(s.silent),
                                 s.verdict.value]) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}", r"\par\medskip\raggedright"]
    legend = "; ".join(f"{sym[p]}~{_WORDS[p]}" for p in (Position.AGREE, Position.DISAGREE,
                                                          Position.MIXED, None))
    out.append(r"\noindent " + legend + r".\par")
    out.append(r"\noindent " + "; ".join(f"\\textbf{{{v.value}}}: {latex_escape(m)}"
                                         for v, m in VERDICTS.items()) + r".\par")
    if table.voices:
        out.append(r"\noindent Voices: " + "; ".join(f"\\textbf{{{latex_escape(codes[v.id])}}}~"
                                                     f"{latex_escape(v.dated)}" for v in table.voices)
                   + r".\par")
    out.append(r"\smallskip")
    for row in table.rows:
        reasons = "; ".join(
            f"\\emph{{{latex_escape(c.voice)}}}~{sym[c.position]}: "
            + ", ".join(latex_escape(_short(r, c.voice)) for r in c.because)
            for c in row.cells if not c.silent)
        out.append(r"\noindent\hangindent=1em\hangafter=1\textbf{" + latex_escape(row.thesis.id) + "}: "
                   + latex_escape(row.thesis.text) + (f" --- {reasons}" if reasons else "") + r"\par")
    if references:
        out += [r"\smallskip", r"\noindent\textbf{Sources}\par"]
        out += [r"\noindent\hangindent=1em\hangafter=1 " + latex_escape(text) + r"\par"
                for _id, text in references]
    out.append(r"\endgroup")
    return "\n".join(out) + "\n"


# --- JSON -----------------------------------------------------------------------------------------

def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _table_data(table: Table) -> dict[str, Any]:
    return {
        "theses": [{"id": t.id, "text": t.text, "topic": t.topic} for t in table.theses],
        "voices": [{"id": v.id, "name": v.name, "date": v.date} for v in table.voices],
        "cells": [{"thesis": c.thesis, "voice": c.voice, "position": c.position.value,
                   "because": list(c.because), "note": c.note}
                  for row in table.rows for c in row.cells if c.position is not None],
        "summary": [{"thesis": r.thesis.id, "agree": r.summary.agree, "disagree": r.summary.disagree,
                     "mixed": r.summary.mixed, "silent": r.summary.silent,
                     "verdict": r.summary.verdict.value} for r in table.rows],
    }


def _camp_data(camp: Camp) -> dict[str, Any]:
    return {"voices": list(camp.voices), "spread": camp.spread,
            "shared": [{"thesis": t, "position": p.value} for t, p in camp.shared]}


_PAIRS_HERE = "\x00pairs\x00"   # stands in for the pairs in the document; JSON writes it escaped


def _json_value(value: object) -> str:
    """One scalar as `_dump` writes it (json's own string escaper and float repr)."""
    return json.dumps(value, ensure_ascii=False)


def _pair_numbers(pairs: Sequence[Pair]) -> Iterable[tuple[Pair, float | None, float | None, float]]:
    """Each pair with its hamming, bna and edit, worked out here from the counts as Pair's
    properties work them out (the same divisions, so the same floats): at 500,000 pairs the
    property calls were most of the JSON and CSV writers' time."""
    for p in pairs:
        differ = p.disagree + p.partial
        both = p.agree + differ
        union = both + p.only_a + p.only_b
        yield (p, differ / both if both else None, p.agree / both if both else None,
               (differ + p.only_a + p.only_b) / union if union else 0.0)


def _pairs_json(pairs: Sequence[Pair]) -> str:
    """The pairs as `_dump` indents them at this depth, each from a template: json's encoder
    spends most of 20 s on 500,000 pairs (1,000 voices) walking dicts in Python. The distances
    are ratios of small counts, so each distinct one is divided and written once."""
    text = encode_basestring
    names = {v: text(v) for p in pairs for v in (p.a, p.b)}
    ratios: dict[tuple[int, int], str] = {}

    def ratio(numerator: int, denominator: int) -> str:
        key = (numerator, denominator)
        found = ratios.get(key)
        if found is None:
            found = ratios[key] = repr(numerator / denominator)
        return found

    out = []
    for p in pairs:
        differ = p.disagree + p.partial
        both = p.agree + differ
        union = both + p.only_a + p.only_b
        hamming, bna = (ratio(differ, both), ratio(p.agree, both)) if both else ("null", "null")
        edit = ratio(differ + p.only_a + p.only_b, union) if union else "0.0"
        out.append(f'    {{\n      "a": {names[p.a]},\n      "b": {names[p.b]},\n      "agree": {p.agree},\n'
                   f'      "disagree": {p.disagree},\n      "partial": {p.partial},\n      "both": {both},\n'
                   f'      "hamming": {hamming},\n      "bna": {bna},\n      "edit": {edit},\n'
                   f'      "only_a": {p.only_a},\n      "only_b": {p.only_b}\n    }}')
    return "[\n" + ",\n".join(out) + "\n  ]"


def _matrix_json(matrix: Matrix, *, camps: Sequence[Camp] | None = None,
                 threshold: float | None = None) -> str:
    data: dict[str, Any] = {"pairs": _PAIRS_HERE if matrix.pairs else [],
                            "voices": [{"id": v.id, "name": v.name} for v in matrix.voices]}
    if camps is not None:
        data["threshold"] = DEFAULT_THRESHOLD if threshold is None else threshold
        data["camps"] = [_camp_data(c) for c in camps]
    # "pairs" is the first key, so the first occurrence of the stand-in is it
    return _dump(data).replace(_json_value(_PAIRS_HERE), _pairs_json(matrix.pairs), 1)


def _side_data(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"position": side.position.value, "note": side.note, "claims": [
        {"id": c.id, "text": c.text, "quotes": list(c.quotes),
         "evidence": [{"quote": e.quote, "kind": e.kind.value, "source": e.source} for e in c.evidence]}
        for c in side.claims]}


def _diff_json(diff: VoiceDiff) -> str:
    return _dump({"a": diff.a.id, "b": diff.b.id, "a_name": diff.a.name, "b_name": diff.b.name,
                  "a_date": diff.a.date, "b_date": diff.b.date,
                  "items": [{"thesis": i.thesis.id, "thesis_text": i.thesis.text,
                             "relation": i.relation.value, "a": _side_data(i.a), "b": _side_data(i.b)}
                            for i in diff.items],
                  "between": [{"kind": b.kind, "basis": b.basis.value if b.basis else None,
                               "from": b.source, "to": b.target, "note": b.note,
                               "quotes": list(b.quotes),
                               "words": b.sentence(_dated_names(diff))} for b in diff.between]})


def _listish(value: str | tuple[str, ...] | None) -> str | list[str] | None:
    return list(value) if isinstance(value, tuple) else value


def _corpus_diff_json(diff: CorpusDiff) -> str:
    return _dump({"old": diff.old, "new": diff.new, "changes": [
        {"what": c.what, "status": c.status, "map": c.map, "id": c.id, "quote": c.quote,
         "fields": [{"field": f.field, "old": _listish(f.old), "new": _listish(f.new)} for f in c.fields]}
        for c in diff.changes]})


# --- the matrix as text ---------------------------------------------------------------------------

_PAIR_HEADERS = ("a", "b", "agree", "disagree", "partial", "both", "hamming", "bna", "edit")
_PAIR_SHORT = ("a", "b", "agr", "dis", "par", "both", "ham", "bna", "edit")


def _pair_cells(p: Pair, dash: str) -> list[str]:
    return [p.a, p.b, str(p.agree), str(p.disagree), str(p.partial), str(p.both),
            _number(p.hamming, dash), _number(p.bna, dash), _number(p.edit, dash)]


def _least(pairs: list[Pair], first: list[float], count: int) -> list[Pair]:
    """The pairs whose `first` value is at most the `count`-th smallest: a superset of the
    `count` least under any key that sorts by that value first. One pass of float compares,
    so the full key (with its fractions) is worked out for a handful of pairs, not 500,000."""
    if len(pairs) <= count:
        return pairs
    cut = heapq.nsmallest(count, first)[-1]
    return [p for p, value in zip(pairs, first, strict=True) if value <= cut]


def closest_pairs(matrix: Matrix, count: int = CLOSEST) -> list[Pair]:
    """Pairs that share theses, least apart first; more theses in common break ties."""
    shared = [p for p in matrix.pairs if p.agree + p.disagree + p.partial]
    hamming = [(p.disagree + p.partial) / (p.agree + p.disagree + p.partial) for p in shared]
    # each float before its fraction: floats settle most comparisons in C, fractions the ties
    return heapq.nsmallest(count, _least(shared, hamming, count),
                           key=lambda p: (p.hamming, p.hamming_fraction, -p.both, p.edit,
                                          p.edit_fraction, p.a, p.b))


def most_opposed_pairs(matrix: Matrix, count: int = CLOSEST) -> list[Pair]:
    """Pairs that differ on some shared thesis, most apart first; outright disagreements first."""
    differing = [p for p in matrix.pairs if p.disagree + p.partial]
    bna = [p.agree / (p.agree + p.disagree + p.partial) for p in differing]
    # highest hamming first is lowest agreement (1 - hamming) first, with no fraction to negate
    return heapq.nsmallest(count, _least(differing, bna, count),
                           key=lambda p: (p.bna, p.agreement_fraction, -p.disagree, -p.both, p.a, p.b))


def by_edit(matrix: Matrix) -> list[Pair]:
    return sorted(matrix.pairs, key=lambda p: (p.edit, p.edit_fraction, p.a, p.b))


def _camp_members(camp: Camp) -> list[str]:
    """The camp's members and its spread, as words that wrap without splitting a pair (what
    they share is in the camp's name)."""
    members = [f"{v}," for v in camp.voices]
    members[-1] = members[-1].rstrip(",") + ("" if camp.spread is None else f" (spread {camp.spread:.2f})")
    return members


def _matrix_term(matrix: Matrix, *, width: int = 80, color: bool = False, ascii: bool = False,
                 camps: Sequence[Camp] | None = None, threshold: float | None = None) -> str:
    dash = "-" if ascii else "—"
    title = (f"Pairs of voices: {len(matrix.pairs)} ({_count(len(matrix.voices), 'voice')}, "
             f"{_count(len(matrix.table.rows), 'thesis', 'theses')})")
    lines: list[Line] = [[(t, _STYLE["head"])] for t in _wrap(title, width, hanging="  ")]
    too_many = _too_many(matrix)
    sections = (("Closest (lowest hamming; ties: more theses in common)", closest_pairs(matrix)),
                ("Most opposed (highest hamming)", most_opposed_pairs(matrix)),
                ("All pairs (by edit distance)", [] if too_many else by_edit(matrix)))
    for title, pairs in sections:
        lines += [[]] + [[(t, _STYLE["head"])] for t in _wrap(title, width, hanging="  ")]
        if too_many and title.startswith("All pairs"):
            lines += [_plain(t) for t in _wrap(too_many.replace("`", ""), width, indent="  ",
                                               hanging="  ")]
            continue
        if not pairs:
            lines.append(_plain("  (none)"))
            continue
        lines += _columns(_PAIR_HEADERS, [_pair_cells(p, dash) for p in pairs], width, indent="  ",
                          align="<<>>>>>>>", shrink=(0, 1), short=_PAIR_SHORT)
    lines.append([])
    lines += [_plain(t) for t in _wrap(DISTANCES, width)]
    lines += [[], [("In plain words", _STYLE["head"])]]
    for name, meaning in MEASURES:
        lines += [_plain(t) for t in _wrap(f"{name}: {meaning}", width, indent="  ", hanging="    ")]
    if camps is not None:
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        lines += [[], [(f"Camps (average linkage on edit distance, cut at {cut:.2f})", _STYLE["head"])]]
        groups = [c for c in camps if len(c.voices) > 1]
        for number, camp in enumerate(groups, 1):
            members = _camp_members(camp)
            lines += [_plain(t) for t in _wrap(f"{number}. {camp_name(camp)}", width, indent="  ",
                                               hanging="     ")]
            lines += [_plain(t) for t in wrap_words(["members:"] + members, width, indent="     ",
                                                     hanging="       ")]
        alone = [c.voices[0] for c in camps if len(c.voices) == 1]
        if alone:
            lines += [_plain(t) for t in _wrap(f"On their own: {', '.join(alone)}", width, indent="  ",
                                               hanging="    ")]
    return _finish(lines, width, color)


def _matrix_md(matrix: Matrix, *, ascii: bool = False, camps: Sequence[Camp] | None = None,
               threshold: float | None = None) -> str:
    dash = "-" if ascii else "—"
    out = [(f"## Pairs of voices: {len(matrix.pairs)} ({_count(len(matrix.voices), 'voice')}, "
            f"{_count(len(matrix.table.rows), 'thesis', 'theses')})"), ""]

    def table(pairs: Sequence[Pair]) -> list[str]:
        if not pairs:
            return ["(none)", ""]
        rows = [_md_row(f"`{h}`" if i < 2 else h for i, h in enumerate(_PAIR_HEADERS)),
                _md_row([":--", ":--"] + ["--:"] * 7)]
        rows += [_md_row(_pair_cells(p, dash)) for p in pairs]
        return rows + [""]

    out += ["### Closest", "", "Lowest hamming; ties: more theses in common.", ""]
    out += table(closest_pairs(matrix))
    out += ["### Most opposed", "", "Highest hamming.", ""]
    out += table(most_opposed_pairs(matrix))
    too_many = _too_many(matrix)
    out += ["### All pairs", "", "By edit distance.", ""]
    out += [too_many, ""] if too_many else table(by_edit(matrix))
    if matrix.voices and not too_many:
        out += ["### Edit distance", ""]
        ids = [v.id for v in matrix.voices]
        out.append(_md_row([""] + [f"`{i}`" for i in ids]))
        out.append(_md_row([":--"] + ["--:"] * len(ids)))
        edit = {(p.a, p.b): _number(p.edit) for p in matrix.pairs}
        edit |= {(b, a): text for (a, b), text in edit.items()}
        for a in ids:
            out.append(_md_row([f"`{a}`"] + ["0.00" if a == b else edit[(a, b)] for b in ids]))
        out.append("")
    out += [_md(DISTANCES) + ".", ""]
    out += ["In plain words:", ""] + [f"- **{name}**: {_md(meaning)}" for name, meaning in MEASURES]
    out.append("")
    if camps is not None:
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        out += ["### Camps", "", f"Average linkage on edit distance, cut at {cut:.2f}.", ""]
        for number, camp in enumerate([c for c in camps if len(c.voices) > 1], 1):
            members = _camp_members(camp)
            out.append(f"{number}. {_md(camp_name(camp))} ({_md(' '.join(members))})")
        alone = [c.voices[0] for c in camps if len(c.voices) == 1]
        if alone:
            out += ["", f"On their own: {_md(', '.join(alone))}."]
        out.append("")
    return "\n".join(out)


def _matrix_csv(matrix: Matrix) -> str:
    # one pass, no per-cell guard for the numbers (none starts like a formula); ids guarded once
    safe = {v.id: _csv_safe(v.id) for v in matrix.voices}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_PAIR_HEADERS)
    writer.writerows((safe[p.a], safe[p.b], p.agree, p.disagree, p.partial,
                      p.agree + p.disagree + p.partial, "" if hamming is None else hamming,
                      "" if bna is None else bna, edit)
                     for p, hamming, bna, edit in _pair_numbers(matrix.pairs))
    return buffer.getvalue()


# --- the diff of two voices as text ---------------------------------------------------------------

def _group_title(relation: Relation, diff: VoiceDiff) -> str:
    return {Relation.AGREE: "Agree", Relation.DISAGREE: "Disagree", Relation.PARTIAL: "Partial",
            Relation.ONLY_A: f"Only {diff.a.id}", Relation.ONLY_B: f"Only {diff.b.id}"}[relation]


def _diff_counts(diff: VoiceDiff) -> str:
    return ", ".join(f"{len(diff.of(r))} {_group_title(r, diff).lower()}" for r in _RELATION_ORDER)


def _kind_note(kind_value: str) -> str:
    return "" if kind_value == "quote" else f" ({kind_value})"


def _diff_term(diff: VoiceDiff, *, width: int = 80, color: bool = False, ascii: bool = False) -> str:
    sym = _symbols(ascii)
    left, right = ('"', '"') if ascii else ("“", "”")
    lines: list[Line] = []
    head = (f"{diff.a.id} ({_term_text(diff.a.dated)}) and {diff.b.id} ({_term_text(diff.b.dated)}): "
            f"{_diff_counts(diff)}")
    lines += [[(t, _STYLE["head"])] for t in _wrap(head, width, hanging="  ")]
    for relation in _RELATION_ORDER:
        items = diff.of(relation)
        if not items:
            continue
        lines += [[], [(f"{_group_title(relation, diff)} ({len(items)})", _STYLE["head"])]]
        for item in items:
            lines += [[(t, _STYLE["head"])] for t in _wrap(f"{item.thesis.id}: {item.thesis.text}", width,
                                                           hanging="  ")]
            for voice, side in ((diff.a, item.a), (diff.b, item.b)):
                position = side.position if side else None
                lines.append([("  " + voice.id + " ", ""), (f"{sym[position]} {_WORDS[position]}",
                                                            _STYLE[position])])
                if side is None:
                    continue
                for claim in side.claims:
                    text = (claim.text if claim.text is not None else "(claim not found)") + f" [{claim.id}]"
                    lines += [_plain(t) for t in _wrap(text, width, indent="    - ", hanging="      ")]
                    for e in claim.evidence:
                        quote = f"{left}{_term_text(e.quote)}{right}{_kind_note(e.kind.value)}"
                        lines += [[(t, _STYLE["dim"])] for t in _wrap(quote, width, indent="        ",
                                                                      hanging="         ")]
                if side.note:
                    lines += [_plain(t) for t in _wrap(f"note: {side.note}", width, indent="    ",
                                                       hanging="      ")]
    if not diff.items:
        lines += [[], _plain("Neither voice takes a stance on any thesis.")]
    if diff.between:
        lines += [[], [("Relations between the two", _STYLE["head"])]]
        for between in diff.between:
            words = between.sentence(_dated_names(diff, _term_text), (left, right))
            lines += [_plain(t) for t in _wrap(words, width, indent="  - ", hanging="    ")]
    return _finish(lines, width, color)


def _dated_names(diff: VoiceDiff, text: Callable[[str | None], str] = _clean) -> dict[str, str]:
    return {diff.a.id: text(diff.a.dated), diff.b.id: text(diff.b.dated)}


def _diff_md(diff: VoiceDiff, *, ascii: bool = False) -> str:
    sym = _symbols(ascii)
    left, right = ('"', '"') if ascii else ("“", "”")
    out = [f"## {_md(diff.a.dated)} (`{diff.a.id}`) and {_md(diff.b.dated)} (`{diff.b.id}`)", "",
           _md(_diff_counts(diff)) + ".", ""]
    for relation in _RELATION_ORDER:
        items = diff.of(relation)
        if not items:
            continue
        out += [f"### {_md(_group_title(relation, diff))} ({len(items)})", ""]
        for item in items:
            out += [f"#### `{item.thesis.id}`", "", _md(item.thesis.text), ""]
            for voice, side in ((diff.a, item.a), (diff.b, item.b)):
                position = side.position if side else None
                out.append(f"- **{_md(voice.name)}** (`{voice.id}`): {sym[position]} {_WORDS[position]}")
                if side is None:
                    continue
                for claim in side.claims:
                    out.append(f"  - {_md(claim.text) if claim.text is not None else '(claim not found)'}"
                               f" (`{claim.id}`)")
                    for e in claim.evidence:
                        out.append(f"    - {left}{_md(e.quote)}{right}" + (f" _({e.kind.value})_"
                                                                 if e.kind.value != "quote" else ""))
                if side.note:
                    out.append(f"  - _note:_ {_md(side.note)}")
            out.append("")
    if diff.between:
        out += ["### Relations between the two", ""]
        out += [f"- {_md(b.sentence(_dated_names(diff), (left, right)))}" for b in diff.between]
        out.append("")
    return "\n".join(out)


_DIFF_CSS = """\
.argmap-diff { font: 14px/1.45 system-ui, sans-serif; }
.argmap-diff .side { margin: .2em 0 .4em; }
.argmap-diff .agree { color: #1b5e20; } .argmap-diff .disagree { color: #b71c1c; }
.argmap-diff .mixed { color: #7a5200; } .argmap-diff .silent { color: #555; }
.argmap-diff blockquote { margin: .15em 0 .15em 1.2em; color: #333; font-style: italic; }"""


def _diff_html(diff: VoiceDiff, *, standalone: bool = True, style: bool = False) -> str:
    """The same groups and order as the Markdown diff, as an HTML section."""
    sym = SYMBOLS
    out = ['<section class="argmap-diff">',
           (f"<h2>{_h(diff.a.dated)} (<code>{_h(diff.a.id)}</code>) and {_h(diff.b.dated)} "
           f"(<code>{_h(diff.b.id)}</code>)</h2>"), f"<p>{_h(_diff_counts(diff))}.</p>"]
    for relation in _RELATION_ORDER:
        items = diff.of(relation)
        if not items:
            continue
        out.append(f"<h3>{_h(_group_title(relation, diff))} ({len(items)})</h3>")
        for item in items:
            out.append(f'<h4><code>{_h(item.thesis.id)}</code></h4><p>{_h(item.thesis.text)}</p><ul>')
            for voice, side in ((diff.a, item.a), (diff.b, item.b)):
                position = side.position if side else None
                word = _WORDS[position]
                parts = [(f'<li class="side"><strong>{_h(voice.name)}</strong> (<code>{_h(voice.id)}'
                         f'</code>): <span class="{word}"><span aria-hidden="true">{sym[position]}'
                         f"</span> {word}</span>")]
                if side is not None:
                    parts.append("<ul>")
                    for claim in side.claims:
                        text = claim.text if claim.text is not None else "(claim not found)"
                        parts.append(f"<li>{_h(text)} (<code>{_h(claim.id)}</code>)")
                        parts += [f"<blockquote>“{_h(e.quote)}”{_h(_kind_note(e.kind.value))}"
                                  "</blockquote>" for e in claim.evidence]
                        parts.append("</li>")
                    if side.note:
                        parts.append(f"<li><em>note:</em> {_h(side.note)}</li>")
                    parts.append("</ul>")
                out.append("".join(parts) + "</li>")
            out.append("</ul>")
    if not diff.items:
        out.append("<p>Neither voice takes a stance on any thesis.</p>")
    if diff.between:
        out.append("<h3>Relations between the two</h3><ul>")
        out += [f'<li class="{b.basis.value if b.basis else "own"}">{_h(b.sentence(_dated_names(diff)))}</li>'
                for b in diff.between]
        out.append("</ul>")
    out.append("</section>")
    body = "\n".join(out) + "\n"
    if not standalone:
        return f"<style>\n{_DIFF_CSS}\n</style>\n{body}" if style else body
    return _html_page(f"argmap: {diff.a.id} and {diff.b.id}", _DIFF_CSS, body)


# --- the diff of two corpus versions as text -------------------------------------------------------

_MARK = {"added": "+", "removed": "-", "changed": "~"}
_SECTIONS = {"map": "Maps", "thesis": "Theses", "claim": "Claims", "quote": "Quotes", "stance": "Stances"}


def _field_text(value: str | tuple[str, ...] | None) -> str:
    if value is None:
        return "(none)"
    return ", ".join(value) if isinstance(value, tuple) else value


def _corpus_counts(diff: CorpusDiff) -> str:
    parts = []
    for what in _SECTIONS:
        for status in ("added", "removed", "changed"):
            n = len(diff.of(what, status))
            if n:
                noun = what if n == 1 else ("theses" if what == "thesis" else what + "s")
                parts.append(f"{n} {noun} {status}")
    return ", ".join(parts) or "no changes"


def _change_title(change: Change, quotes: tuple[str, str]) -> str:
    title = f"{_MARK[change.status]} {change.ref}"
    if change.quote is not None:
        title += f": {quotes[0]}{change.quote}{quotes[1]}"
    return title


def _corpus_diff_term(diff: CorpusDiff, *, width: int = 80, color: bool = False, ascii: bool = False) -> str:
    quotes = ('"', '"') if ascii else ("“", "”")
    arrow = "->" if ascii else "→"
    lines: list[Line] = [[(t, _STYLE["head"])] for t in
                         _wrap(f"{diff.old} {arrow} {diff.new}: {_corpus_counts(diff)}", width, hanging="  ")]
    for what, title in _SECTIONS.items():
        changes = diff.of(what)
        if not changes:
            continue
        lines += [[], [(title, _STYLE["head"])]]
        for change in changes:
            lines += [[(t, _STYLE[change.status])] for t in _wrap(_change_title(change, quotes), width,
                                                                  indent="  ", hanging="      ")]
            for field in change.fields:
                lines.append(_plain(f"      {field.field}"))
                lines += [[(t, _STYLE["removed"])] for t in
                          _wrap(f"- {_field_text(field.old)}", width, indent="        ", hanging="          ")]
                lines += [[(t, _STYLE["added"])] for t in
                          _wrap(f"+ {_field_text(field.new)}", width, indent="        ", hanging="          ")]
    return _finish(lines, width, color)


def _corpus_diff_md(diff: CorpusDiff) -> str:
    out = [f"## {_md(diff.old)} → {_md(diff.new)}", "", _md(_corpus_counts(diff)) + ".", ""]
    for what, title in _SECTIONS.items():
        changes = diff.of(what)
        if not changes:
            continue
        out += [f"### {title}", ""]
        for change in changes:
            where = f"`{change.map}` on `{change.id}`" if change.what == "stance" else f"`{change.ref}`"
            line = f"- {change.status} {where}"
            if change.quote is not None:
                line += f": “{_md(change.quote)}”"
            out.append(line)
            for field in change.fields:
                out.append(f"  - {field.field}: {_md(_field_text(field.old))} → {_md(_field_text(field.new))}")
        out.append("")
    return "\n".join(out)


# --- the public renderers -------------------------------------------------------------------------

def _dispatch(fmt: str, table: dict[type, Callable[..., str]], result: object, options: dict) -> str:
    for kind, render in table.items():
        if isinstance(result, kind):
            return render(result, **options)
    raise TypeError(f"no {fmt} form for {type(result).__name__}")


def to_term(result: Table | Matrix | VoiceDiff | CorpusDiff, **options: Any) -> str:
    """Plain text for a terminal, every line at most `width` columns (default 80).

    Options: `width`, `color` (ANSI colours, default False), `ascii` (+ x ~ . for ✓ ✗ ± ·);
    for a Table `because` (list the claims, default True); for a Matrix `camps` and `threshold`.
    """
    return _dispatch("term", {Table: _table_term, Matrix: _matrix_term, VoiceDiff: _diff_term,
                              CorpusDiff: _corpus_diff_term}, result, options)


def to_md(result: Table | Matrix | VoiceDiff | CorpusDiff, **options: Any) -> str:
    """GitHub Markdown. Options: `ascii`; for a Matrix `camps` and `threshold`."""
    return _dispatch("md", {Table: _table_md, Matrix: _matrix_md, VoiceDiff: _diff_md,
                            CorpusDiff: _corpus_diff_md}, result, options)


def to_csv(result: Table | Matrix, **options: Any) -> str:
    """CSV (RFC 4180, CRLF line ends); cells that start like a formula get a leading '."""
    return _dispatch("csv", {Table: _table_csv, Matrix: _matrix_csv}, result, options)


def to_html(result: Table | VoiceDiff, **options: Any) -> str:
    """A Table as an HTML table with scoped headers, a VoiceDiff as a section. `standalone`
    (default True) wraps it in a page with its style; a fragment (`standalone=False`) carries
    its `<style>` when `style=True` (for a notebook cell or a Markdown page)."""
    return _dispatch("html", {Table: _table_html, VoiceDiff: _diff_html}, result, options)


def to_latex(result: Table, **options: Any) -> str:
    """A booktabs table with its legend, key and reasons, to \\input into a handout.

    `references`: `(source id, reference)` pairs printed under it, as `all_tables` passes the
    sources formatted in a CSL style (argmap.references)."""
    return _dispatch("latex", {Table: _table_latex}, result, options)


def to_json(result: Table | Matrix | VoiceDiff | CorpusDiff, **options: Any) -> str:
    """The DESIGN.md JSON shapes (plus extra keys). For a Matrix `camps` and `threshold`."""
    return _dispatch("json", {Table: lambda t: _dump(_table_data(t)), Matrix: _matrix_json,
                              VoiceDiff: _diff_json, CorpusDiff: _corpus_diff_json}, result, options)


_LAST: list[tuple[Corpus, Matrix, tuple[Camp, ...]]] = []


def matrix_and_camps(corpus: Corpus) -> tuple[Matrix, tuple[Camp, ...]]:
    """The corpus's pairwise matrix and its camps (default threshold). A build asks twice for the
    same corpus object (the tables, the agreement picture), and at 1,000 voices each answer takes
    seconds: the last one is kept, for that very object."""
    if _LAST and _LAST[0][0] is corpus:
        return _LAST[0][1], _LAST[0][2]
    matrix = pair_matrix(corpus)
    camps = clusters(matrix)
    _LAST[:] = [(corpus, matrix, camps)]
    return matrix, camps


# The files `all_tables` makes, named before any is made (a build may need none of them).
TABLE_FILES = ("matrix.csv", "matrix.json", "matrix.md", "stances.csv", "stances.html",
               "stances.json", "stances.md", "stances.tex")


def table_files(voices: int) -> tuple[str, ...]:
    """`TABLE_FILES` for a corpus of this many voices: past LISTED_VOICES every pair is written
    once, in matrix.csv (matrix.json is five times its size: 120 MB at 1,000 voices, over what
    static hosts such as GitHub Pages take for one file)."""
    return TABLE_FILES if voices <= LISTED_VOICES else tuple(f for f in TABLE_FILES if f != "matrix.json")


def stance_tables(corpus: Corpus) -> dict[str, str]:
    """The tables of stances `argmap build` writes (`stances.*`): each shows every position
    with its note and the text of its reasons."""
    table = stance_table(corpus)
    return {
        "stances.md": to_md(table), "stances.csv": to_csv(table),
        "stances.html": to_html(table, site=True),
        "stances.tex": to_latex(table, references=[(src.id, src.reference) for src in corpus.sources
                                                   if src.reference]),
        "stances.json": to_json(table),
    }


def matrix_tables(corpus: Corpus) -> dict[str, str]:
    """The pairwise matrix `argmap build` writes (`matrix.*`, as `table_files` names them): it
    shows voices' names and positions only, so a reason's wording can change without it, and at
    1,000 voices it takes seconds to make."""
    matrix, camps = matrix_and_camps(corpus)
    tables = {"matrix.md": to_md(matrix, camps=camps), "matrix.csv": to_csv(matrix)}
    if "matrix.json" in table_files(len(matrix.voices)):
        tables["matrix.json"] = to_json(matrix, camps=camps)
    return tables


def all_tables(corpus: Corpus) -> dict[str, str]:
    """Every table `argmap build` writes under tables/ (`table_files`): `{file name: text}`."""
    return stance_tables(corpus) | matrix_tables(corpus)
