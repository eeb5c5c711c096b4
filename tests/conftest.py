"""Shared test fixtures: the sample corpus, the shared answer keys, the golden-file flag."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from support import (  # noqa: E402, F401 (re-exported to the tests)
    CONTENT,
    SHARED,
    build_site,
    copy_project,
    run_shared_tool,
    serve_directory,
)

#: the bundled sample issues, by the stem of the seed they were copied from
SAMPLES = {
    "000_d2a9df18967429e5": CONTENT / "乌达区人民政府" / "2023-02" / "issue.txt",
    "001_b8e2f47bf2aa892e": CONTENT / "东胜区人民政府" / "2023-07-09" / "issue.txt",
    "003_85a88f5a5de43b5d": CONTENT / "东胜区人民政府" / "2024-01-03" / "issue.txt",
    "004_8c6b577f21ba2ac5": CONTENT / "克什克腾旗人民政府" / "2025-01" / "issue.txt",
}


#: fixtures that build the site or drive a browser: a test using one is marked `site`
SITE_FIXTURES = {"built_site", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `site` every test that builds the site through a fixture, so that `pytest -m "not site"`
    is the fast inner loop (modules that build sites themselves mark their tests explicitly)."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current builder; review the diff with git before committing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The bundled corpus built once per test session with the repository's mkdocs.yml: (site dir, log)."""
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, build_site(ROOT / "mkdocs.yml", site_dir)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(page, scope: str | None = None) -> list[str]:
    """axe-core's serious and critical violations on `page` (inside the element `scope` selects, else
    the whole document), each as `id (impact): target`."""
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: run `make test` (npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(scope) => axe.run(scope ?? document, {resultTypes: ['violations']})", scope)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (its own browser download is not used)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
