"""Screenshots of the home, issue and document pages for the README.

    .venv/bin/python scripts/screenshots.py          # builds the site, writes .github/screenshots/

Needs Debian's chromium and, for legible Chinese, a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import build_site, serve_directory  # noqa: E402

PAGES = {
    "home": ("", 1280, 900),
    "issue": ("东胜区人民政府/2023-07-09/", 1280, 900),
    "document": ("wenhao/东政办发-2023-33/", 1280, 900),
    "document-phone": ("wenhao/东政办发-2023-33/", 390, 844),
    "outline-phone": ("克什克腾旗人民政府/2025-01/政府工作报告/", 390, 844),
    "care-phone": ("wenhao/东政办发-2023-33/", 390, 844),
    "about": ("about/", 1280, 900),
}
#: the reader's settings a page opens with: 特大 and 关怀模式 on a phone
SETTINGS = {
    "care-phone": "localStorage.setItem('gongbao.font-size', 'x-large'); localStorage.setItem('gongbao.care', '1');"
}
#: what to do on a page before its screenshot: the phone outline opened and scrolled to
ACTIONS = {
    "about": "window.scrollTo(0, document.body.scrollHeight);",
    "outline-phone": "const d = document.querySelector('details.gb-outline'); d.open = true; window.scrollTo(0, d.getBoundingClientRect().top + scrollY - 72);",
}


def main() -> int:
    out = ROOT / ".github" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as site:
        build_site(ROOT / "mkdocs.yml", Path(site))
        with serve_directory(Path(site)) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            for name, (path, width, height) in PAGES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                if name in SETTINGS:
                    page.add_init_script(SETTINGS[name])
                page.goto(base + quote(path))
                page.wait_for_timeout(300)
                if name in ACTIONS:
                    page.evaluate(ACTIONS[name])
                    page.wait_for_timeout(600)
                page.screenshot(path=str(out / f"{name}.png"))
                page.close()
                print(out / f"{name}.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
