"""Screenshots of the built site at 1366×768 for docs/ (a thesis page, a voice page, the
overview), taken in the system Chromium from file://, as a projector laptop shows them.

    .venv/bin/python scripts/screenshots.py        # builds maps/ into a temporary folder
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [
    ("thesis-page.png", "theses/history-main-barrier.html", "#diagram"),
    ("voice-page.png", "voices/klingner.html", "#diagram"),
    ("overview.png", "index.html", "#overview"),
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from argmap.build import build
    from argmap.pipeline import compile_corpus

    sources = ROOT.parent / "shared" / "sources"
    corpus, _warnings = compile_corpus([ROOT / "maps"], sources if sources.is_dir() else None)
    target = ROOT / "docs" / "img"
    target.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        site = Path(folder)
        build(corpus, site)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        for name, path, section in SHOTS:
            page.goto((site / path).as_uri())
            page.evaluate(f"document.querySelector('{section} h2').scrollIntoView()")
            page.screenshot(path=str(target / name))
            print(f"wrote docs/img/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
