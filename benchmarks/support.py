"""What the tests and the benchmarks share: a copy of the project, a strict build, a static
server, the shared scorers. Benchmarks import it directly; tests/conftest.py re-exports it, so benchmarks never
reach into tests/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"  # answer keys and scorers; absent from an editor's clone


def copy_project(folder: Path, *samples: Path) -> Path:
    """A project in `folder`: this repository's mkdocs.yml and overrides/, and the given sample
    issues under content/ at their own paths. Returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    for sample in samples:
        target = folder / "content" / sample.relative_to(CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, target)
    return folder


def build_site(config_file: Path, site_dir: Path) -> str:
    """`mkdocs build --strict` of `config_file` into `site_dir`; returns MkDocs' log, fails on error."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        cwd=config_file.parent,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return result.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".md": "text/markdown; charset=utf-8",
    }

    def log_message(self, *args) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Text compressed on the fly when the browser accepts gzip, as GitHub Pages serves it."""

    COMPRESSIBLE = (".html", ".js", ".css", ".json", ".txt", ".md", ".xml", ".svg")

    def send_head(self):
        path = self.translate_path(self.path)
        if not (
            path.endswith(self.COMPRESSIBLE)
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and os.path.isfile(path)
        ):
            return super().send_head()
        import gzip
        import io

        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_directory(directory: Path, gzip: bool = False):
    """A static HTTP server for `directory` on a free localhost port; yields its base URL.
    `gzip`: compress text responses, as GitHub Pages does."""
    handler = functools.partial(_GzipHandler if gzip else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_shared_tool(tool: str, *args: Path | str) -> dict:
    """The figures `../shared/tools/<tool> ARGS --json` prints (score_extraction.py, paragraph_check.py,
    table_check.py); raises CalledProcessError when the tool fails. Callers check `SHARED` exists first."""
    command = [sys.executable, str(SHARED / "tools" / tool), *map(str, args), "--json"]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
