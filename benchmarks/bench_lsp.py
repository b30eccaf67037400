"""How long an editor waits for diagnostics after a change: prints a table, asserts nothing.

    .venv/bin/python benchmarks/bench_lsp.py [--edits 40] [--claims 1000,10000]

Starts `argmap lsp` as an editor does (a subprocess over stdio, pygls's own LSP client), opens a
map and sends `didChange` edits that alternately break a claim's id and restore it, so every
edit changes the diagnostics and the server publishes them. The time is from sending the change
to receiving its `publishDiagnostics` for that file: what a user waits for. First the shipped
corpus (lind.yaml, quotes checked against ../shared/sources when it is there), then generated
corpora of the sizes given (benchmarks/corpus_gen.py). The goal (issue 22): under 200 ms on the
shipped corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_gen import generate  # noqa: E402


async def _latencies(maps: Path, sources: Path | None, target: Path, edits: int) -> list[float]:
    client = LanguageClient("bench", "1")
    published: dict[str, asyncio.Event] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.uri in published:
            published[params.uri].set()

    @client.feature(lsp.WINDOW_SHOW_MESSAGE)
    def on_message(params: lsp.ShowMessageParams) -> None:
        print(f"server: {params.message}", file=sys.stderr)

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    options = {"sources": str(sources)} if sources else None
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=maps.parent.as_uri(),
        initialization_options=options))
    client.initialized(lsp.InitializedParams())
    uri = target.as_uri()
    text = target.read_text(encoding="utf-8")
    claim_line = next(line for line in text.splitlines() if line.lstrip().startswith("- id: "))
    broken = text.replace(claim_line, claim_line.replace("id: ", "id: Not_A_Slug-", 1), 1)  # bad-id
    published[uri] = asyncio.Event()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=text)))
    await asyncio.wait_for(published[uri].wait(), 120)
    times = []
    for version in range(2, edits + 2):
        published[uri].clear()
        started = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(
                text=broken if version % 2 == 0 else text)]))
        await asyncio.wait_for(published[uri].wait(), 120)
        times.append(time.perf_counter() - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def _row(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"| {label} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--claims", default="1000,10000",
                        help="sizes of generated corpora to time too (comma-separated; '' for none)")
    args = parser.parse_args()
    print("| corpus | edits | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    shared = ROOT.parent / "shared" / "sources"
    with tempfile.TemporaryDirectory() as tmp:
        maps = Path(tmp) / "shipped" / "maps"
        shutil.copytree(ROOT / "maps", maps)
        times = asyncio.run(_latencies(maps, shared if shared.is_dir() else None,
                                       maps / "lind.yaml", args.edits))
        print(_row("shipped (edit lind.yaml)", times), flush=True)
        for size in filter(None, args.claims.split(",")):
            folder = Path(tmp) / f"gen-{size}"
            generate(folder, int(size), 20)
            target = sorted((folder / "maps").glob("*.yaml"))[-1]
            times = asyncio.run(_latencies(folder / "maps", folder / "sources", target, args.edits))
            print(_row(f"generated, {int(size):,} claims in 20 maps", times), flush=True)


if __name__ == "__main__":
    main()
