"""`argmap build --watch`'s web server: the built folder on localhost, with pages that reload
themselves after each build (the files on disk never carry the reload script)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["RELOAD_PATH", "Builds", "serve"]

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


class Builds:
    """How many builds `--watch` has finished: pages reload when the number changes."""

    def __init__(self) -> None:
        self.done = 0


def serve(folder: Path, port: int, builds: Builds | None = None) -> http.server.ThreadingHTTPServer:
    """A web server for the built folder on its own thread, reachable from this machine only;
    with `builds`, the HTML it serves reloads itself after each build. OSError when the port
    cannot be had."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's names
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

    folder.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
