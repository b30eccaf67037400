"""The layers in docs/architecture.md hold: imports go one way, and no module imports itself back.

Read from the source with `ast` (lazy imports inside functions count too), so a new module is
checked the day it is added."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "argmap"


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


# What the package `argmap` defines itself, with no import: reading it depends on nothing.
_OWN_NAMES = {"__version__"}


def _imports(module: str) -> set[str]:
    """The argmap modules `module` imports. `from argmap.x import y` counts y when it is a module,
    and the package argmap.x only for a name it resolves (not a submodule, not `__version__`): the
    package `argmap` itself hands calls to `argmap._api`, so using it is an edge like any other."""
    return _imports_in(MODULES[module].read_text(encoding="utf-8")) - {module}


def _imports_in(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in MODULES}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in MODULES:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            found |= submodules
            if any(f"{node.module}.{a.name}" not in submodules and a.name not in _OWN_NAMES
                   for a in node.names):
                found.add(node.module)
    return found


GRAPH = {m: _imports(m) for m in MODULES}

# Imports made on purpose against the flow, each inside a function so it runs only when called.
# Add one only with a reason and a test that it is still needed; keep it empty.
UPWARD: set[tuple[str, str]] = set()


# The layers of docs/architecture.md, top first; a module may import its own layer and those
# below. Every module is placed: a new one is given its layer here and in the page.
LAYERS = (
    ("doors", ("argmap", "argmap.__main__", "argmap.cli", "argmap.markdown", "argmap.lsp")),
    ("orchestration", ("argmap.commands", "argmap._api", "argmap.pipeline", "argmap.build")),
    ("outputs", ("argmap.render", "argmap.interop")),
    ("analyses", ("argmap.compare", "argmap.semantics")),
    ("checks", ("argmap.check", "argmap.quotes", "argmap.references")),
    ("resolved corpus", ("argmap.graph",)),
    ("load", ("argmap.load", "argmap._yaml", "argmap._fast", "argmap._plain", "argmap._makers", "argmap.cache", "argmap.forked",
              "argmap.fmt")),
    ("helpers", ("argmap.write", "argmap.schema", "argmap.starter", "argmap.serialise",
                 "argmap.terminal", "argmap.wording")),
    ("model", ("argmap.model", "argmap.errors", "argmap.links")),
)


def _layer(module: str) -> int | None:
    for depth, (_name, prefixes) in enumerate(LAYERS):
        if any(module == p or (p != "argmap" and module.startswith(p + ".")) for p in prefixes):
            return depth
    return None


class TestImportDirection:
    @pytest.mark.parametrize("module", sorted(MODULES))
    def test_imports_go_down_the_layers(self, module: str) -> None:
        depth = _layer(module)
        assert depth is not None, f"{module} is in no layer: place it in LAYERS and docs/architecture.md"
        upward = {f"{target} ({LAYERS[_layer(target) or 0][0]})" for target in GRAPH[module]
                  if (_layer(target) or 0) < depth and (module, target) not in UPWARD}
        assert set() == upward, f"{module} ({LAYERS[depth][0]}) imports a layer above it"

    @pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("argmap.cli")))
    def test_nothing_below_the_cli_imports_it(self, module: str) -> None:
        if module == "argmap.__main__":   # `python -m argmap` is the CLI's other door
            return
        assert set() == {t for t in GRAPH[module] if t == "argmap.cli" or t.startswith("argmap.cli.")}

    @pytest.mark.parametrize("module", sorted(m for m in MODULES
                                              if m.startswith(("argmap.render", "argmap.interop"))))
    def test_outputs_never_load_check_write_or_build(self, module: str) -> None:
        below = {"argmap.load", "argmap.write", "argmap.build", "argmap.pipeline", "argmap.cache",
                 "argmap.fmt", "argmap.check"}   # they are given a checked corpus
        assert set() == GRAPH[module] & below

    @pytest.mark.parametrize("module", sorted(m for m in MODULES
                                              if m.startswith(("argmap.render", "argmap.interop"))))
    def test_outputs_run_no_process(self, module: str) -> None:
        """render/ and interop/ are model -> text: no Graphviz run, no fork, no thread. The
        commands run `dot` (write.run_graphviz) and fit screen views (commands/fitting.py), and
        lend to_dot a helper process (`map_halves`) where a view is large."""
        assert [] == _runs_processes(MODULES[module].read_text(encoding="utf-8"))

    @pytest.mark.parametrize("module", ["argmap.errors", "argmap.model", "argmap.links"])
    def test_the_bottom_imports_almost_nothing(self, module: str) -> None:
        assert GRAPH[module] <= {"argmap.errors"}


def _same_package(a: str, b: str) -> bool:
    """A package and its own submodules (an __init__ re-exporting its modules is not a cycle
    between layers); not the root package, which is the public API: its edges are real."""
    if "argmap" in (a, b):
        return False
    return a.startswith(b + ".") or b.startswith(a + ".")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if _same_package(v, w) or (v, w) in UPWARD:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


# What starts, forks or waits on another process or thread, or runs Graphviz: the graphviz
# package's own drawing calls, argmap's helpers for them, and the standard library's.
_PROCESS_MODULES = {"subprocess", "multiprocessing", "concurrent", "threading", "signal", "pty",
                    "asyncio", "os", "shutil", "argmap.forked", "argmap.write", "argmap.commands"}
_GRAPHVIZ_RUNS = {"pipe", "pipe_lines", "render", "view", "unflatten", "save", "version"}


def _runs_processes(source: str) -> list[str]:
    """Imports of the modules above, and, where the graphviz package is imported, a call of one
    of its drawing methods (on anything: the AST cannot tell a Digraph from another object)."""
    tree = ast.parse(source)
    graphviz = any((isinstance(n, ast.Import) and any(a.name == "graphviz" for a in n.names))
                   or (isinstance(n, ast.ImportFrom) and n.module == "graphviz")
                   for n in ast.walk(tree))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found += [f"import {n} at line {node.lineno}" for n in names
                  if any(n == m or n.startswith(m + ".") for m in _PROCESS_MODULES)]
        if (graphviz and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _GRAPHVIZ_RUNS):
            found.append(f"{ast.unparse(node.func)}() at line {node.lineno}")
    return sorted(set(found))


@pytest.mark.parametrize("source", [
    "def statements():\n    from argmap import forked\n    return forked.split_run([], len, str, str, str)",
    "from argmap.write import run_graphviz",
    "import graphviz\ngraphviz.Digraph().pipe(format='svg')",
    "def draw(graph):\n    from graphviz import Digraph\n    return graph.render('out')",
    "from argmap.commands.fitting import fitted",
    "import subprocess",
    "from concurrent.futures import ThreadPoolExecutor",
    "import os\nos.fork()",
])
def test_the_process_rule_sees_each_way_to_run_one(source: str) -> None:
    assert [] != _runs_processes(source)


class TestNoCycles:
    def test_each_exception_is_still_needed(self) -> None:
        assert set() == {(a, b) for a, b in UPWARD if b not in GRAPH[a]}

    def test_the_import_graph_has_no_cycle(self) -> None:
        assert [] == _cycles(GRAPH)

    @pytest.mark.parametrize("graph", [
        # the callable modules as they were: load.py made itself callable through a helper
        {"argmap.load": {"argmap._callable"}, "argmap._callable": {"argmap._api"},
         "argmap._api": {"argmap.load"}},
        # a module taking a public name from the root package, which hands it to argmap._api
        {"argmap.load": {"argmap"}, "argmap": {"argmap._api"}, "argmap._api": {"argmap.load"}},
    ])
    def test_the_cycle_check_sees_a_cycle(self, graph: dict[str, set[str]]) -> None:
        assert [sorted(graph)] == _cycles(graph)

    def test_a_module_taking_an_api_name_from_the_root_imports_the_root(self) -> None:
        assert {"argmap"} == _imports_in("from argmap import Corpus")
        assert {"argmap"} == _imports_in("import argmap")
        assert {"argmap.forked"} == _imports_in("from argmap import __version__, forked")


# The one reading of a reference (`claim` or `map/claim`, from a given map): the model defines it
# and graph.py, the resolved corpus, applies it once per corpus; every other reader asks graph.py
# (docs/architecture.md). Importers call graph.qualify/graph.local on text that is not a corpus yet.
REFERENCE_READERS = {"argmap.model", "argmap.graph"}


@pytest.mark.parametrize("module", sorted(set(MODULES) - REFERENCE_READERS))
def test_only_the_resolved_corpus_splits_references(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    used = [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Name) and node.id == "split_ref")
            or (isinstance(node, ast.Attribute) and node.attr == "split_ref")
            or (isinstance(node, ast.alias) and node.name == "split_ref")]
    assert [] == used, f"{module} splits references itself: ask argmap.graph (qualify, graph())"


def test_every_module_is_type_checked() -> None:
    """mypy's settings hold for every module: no per-module exemption in pyproject.toml."""
    settings = (SRC.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert "ignore_errors" not in settings


# Reading and writing files, by name: the CLI parses, calls one orchestrator (commands/), prints.
_FILE_IO_CALLS = {"open", "scandir", "read_text", "write_text", "read_bytes", "write_bytes",
                  "mkdir", "unlink", "rmdir", "rename", "touch", "write_new", "load_corpus",
                  "load_and_check", "compile_corpus"}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("argmap.cli")))
def test_the_cli_reads_and_writes_no_files(module: str) -> None:
    """No call in cli/ opens, reads, writes or lists a file, or loads the corpus itself."""
    calls = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _FILE_IO_CALLS and not _devnull(node):
                calls.append(f"{name}() at line {node.lineno}")
    assert [] == calls


def _devnull(call: ast.Call) -> bool:
    """`os.open(os.devnull, ...)`: silencing a closed pipe is the exit, not file I/O."""
    return bool(call.args) and ast.unparse(call.args[0]) == "os.devnull"


# One escaper per output format (argmap/render/escape.py): map text goes into HTML or SVG by
# `html_text` and into Markdown by `markdown`. Other formats keep rules of their own, by module:
# Graphviz labels (render/dotlang.py), XML interchange (interop/graphml.py, xml.sax.saxutils),
# LaTeX (`tables.latex_escape`), Argdown (interop/argdown.py), terminals (argmap/terminal.py).
_ESCAPER = "argmap.render.escape"
_HTML_REFERENCES = {"&lt;", "&gt;", "&quot;", "&#x27;", "&#39;"}
_OTHER_FORMATS = {"argmap.render.dotlang"}   # Graphviz HTML-like labels: escaped twice, by its own rule
_MARKDOWN_PUNCTUATION = set("`*_{}[]<>|&~$!#")  # not "\\": YAML and JSON escape it too


def _escapes(module: str) -> list[str]:
    return _escapes_in(MODULES[module].read_text(encoding="utf-8"), module)


def _escapes_in(source: str, module: str) -> list[str]:
    """Where `module` escapes text for HTML or Markdown by hand: the stdlib's `html.escape`, an
    HTML character reference written out, a `\\\\\\1` regex replacement (backslash before each
    match) or `.replace(c, "\\\\" + c)` of a Markdown punctuation character."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "html" and any(
                a.name == "escape" for a in node.names):
            found.append(f"from html import escape, line {node.lineno}")
        elif (isinstance(node, ast.Attribute) and node.attr == "escape"
              and isinstance(node.value, ast.Name) and node.value.id == "html"):
            found.append(f"html.escape, line {node.lineno}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if module not in _OTHER_FORMATS and any(r in node.value for r in _HTML_REFERENCES):
                found.append(f"{node.value!r}, line {node.lineno}")
            if node.value == "\\\\\\1":
                found.append(f"backslash-escaping regex replacement, line {node.lineno}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "replace" and len(node.args) == 2
              and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
            old, new = (a.value for a in node.args)  # type: ignore[attr-defined]
            if old in _MARKDOWN_PUNCTUATION and new == "\\" + old:
                found.append(f"replace({old!r}, {new!r}), line {node.lineno}")
    return found


@pytest.mark.parametrize("module", sorted(set(MODULES) - {_ESCAPER}))
def test_one_escaper_per_format(module: str) -> None:
    assert [] == _escapes(module), (f"{module} escapes map text itself: use "
                                    "argmap.render.escape.html_text / markdown")


# The escapers argmap had before render/escape.py (tables, analysis, lsp hover, tables, site).
_OLD_ESCAPERS = [
    """_MD_SPECIAL.sub(r"\\\\\\1", _clean(text))""",
    """_one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")""",
    """re.sub(r"([\\\\`*_{}\\[\\]()<>#+!|~])", r"\\\\\\1", text)""",
    """import html\nhtml.escape(kept, quote=True)""",
    """from html import escape\nescape(title)""",
    """text.replace("|", "\\\\|")""",
]


@pytest.mark.parametrize("source", _OLD_ESCAPERS)
def test_the_escaper_check_sees_hand_written_escapers(source: str) -> None:
    assert _escapes_in(source, "old") != []


# Asking the file system, and waiting on it: whether a path is a folder, a file's times, a loop
# that sleeps or watches for saves. commands/ asks (inputs.sources_folder, compare.diff_paths,
# watch.watch) and the CLI prints the answer.
_FILE_SYSTEM_CALLS = {"is_dir", "is_file", "exists", "is_symlink", "stat", "lstat", "iterdir",
                      "glob", "rglob", "walk", "listdir", "samefile", "resolve"}
_WAITING_CALLS = {"sleep", "saves", "serve_forever"}
_WAITING_MODULES = {"time", "select", "selectors", "watchfiles", "threading", "glob", "os.path"}


def _asks_the_file_system(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _FILE_SYSTEM_CALLS | _WAITING_CALLS:
                found.append(f"{name}() at line {node.lineno}")
        elif isinstance(node, ast.Attribute) and ast.unparse(node).startswith("os.path."):
            found.append(f"{ast.unparse(node)} at line {node.lineno}")
        elif isinstance(node, ast.Import):
            found += [f"import {a.name} at line {node.lineno}" for a in node.names
                      if a.name in _WAITING_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in _WAITING_MODULES:
            found.append(f"from {node.module} import at line {node.lineno}")
    return found


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("argmap.cli")))
def test_the_cli_asks_the_file_system_nothing(module: str) -> None:
    """No call in cli/ asks whether a path is a folder or a file, reads its times, or waits on
    the file system (sleeping, polling, watching for saves): the orchestrators do."""
    assert [] == _asks_the_file_system(ast.parse(MODULES[module].read_text(encoding="utf-8")))


@pytest.mark.parametrize("source", [
    "from pathlib import Path\nPath(value).is_dir()",
    "path.exists()",
    "import os\nos.path.isdir(a)",
    "p.stat().st_mtime",
    "import time\nwhile True:\n    time.sleep(1)",
    "from argmap.commands.watch import saves\nfor names in saves(paths, sources):\n    pass",
])
def test_the_file_system_rule_sees_each_kind_of_question(source: str) -> None:
    assert [] != _asks_the_file_system(ast.parse(source))


# What cli/ takes from below commands/: only what it needs to print a result or word an error.
# Everything that decides or does something (loading, checking, planning views, analysing,
# formatting, building, choosing folders) is reached through one orchestrator in commands/.
_CLI_MAY_TAKE = {
    ("argmap", "__version__"),                 # --version
    ("argmap.errors", "ArgmapError"), ("argmap.errors", "Problem"), ("argmap.errors", "Severity"),
    ("argmap.errors", "repeats_note"), ("argmap.errors", "summarised"),   # printing diagnostics
    ("argmap.terminal", "escape"), ("argmap.terminal", "SafeStream"),     # printing map text
    ("argmap.model", "Corpus"), ("argmap.build", "Report"),               # types of results
    ("argmap.render.dot", "DotOptions"),       # the drawing options the arguments spell out
    ("argmap.compare", "UnknownIdError"), ("argmap.write", "FolderBusy"),  # errors it words
    ("argmap.write", "GraphvizError"), ("argmap.write", "GraphvizNotFound"),
    ("argmap.write", "GraphvizTimeout"),
    ("argmap.lsp", "serve"),                   # `argmap lsp` hands the process to the server
}


def _cli_takes(source: str) -> set[tuple[str, str]]:
    taken = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            taken |= {(a.name, "*") for a in node.names if a.name.startswith("argmap")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] == "argmap":
            taken |= {(node.module, a.name) for a in node.names}
    return {(m, n) for m, n in taken
            if not (m.startswith(("argmap.cli", "argmap.commands")) or f"{m}.{n}".startswith(
                ("argmap.cli", "argmap.commands")))}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("argmap.cli")))
def test_the_cli_calls_orchestrators_not_the_layers_below(module: str) -> None:
    assert set() == _cli_takes(MODULES[module].read_text(encoding="utf-8")) - _CLI_MAY_TAKE


@pytest.mark.parametrize("source", [
    "from argmap.build import output_dir_problem",          # cli/build.py deciding the folder
    "from argmap.check import resolve_sources_dir",
    "from argmap.semantics import Semantics, analyze",      # cli/analyze.py analysing
    "from argmap.render.plan import plan_views",
    "import argmap.fmt",
])
def test_the_orchestrator_rule_sees_a_layer_below(source: str) -> None:
    assert set() != _cli_takes(source) - _CLI_MAY_TAKE
