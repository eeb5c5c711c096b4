"""Scanned pages: OCR under an error floor, on one page per engine (OCR is slow: the full runs
are in benchmarks/pdf_reading.py).

The fixture is four pages of a two-column issue typeset at test time, the second replaced by a
200-dpi noisy scan of itself (skew, blur, noise, JPEG): a partly scanned issue. What the text
layer of the original reads on that page is the reference.
"""

from __future__ import annotations

import pytest
from conftest import CONTENT
from pdf_fixtures import TWOCOL, fonts_available, han_cer, pages_of, render_issue

from builder.model import PageSource
from builder.parse import parse_issue
from builder.parse.pdf import ocr, read_pdf

pytestmark = pytest.mark.skipif(not fonts_available(), reason="needs Debian fonts-arphic-uming and fonts-wqy-zenhei")

SCANNED = 1  # 0-based index, within the four pages, of the scanned one
#: Han character error rate allowed on the scanned page, per engine (measured: 0.000-0.004 and ~0.01-0.02)
FLOOR = {"rapidocr": 0.01, "tesseract": 0.05}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr")
    issue = parse_issue(CONTENT / "乌达区人民政府/2023-02/issue.txt")
    rendered = render_issue(issue, folder / "issue.pdf", TWOCOL)
    body = [rendered.pdf_pages[0] + n for n in range(4)]  # 1-based PDF pages of the first document
    indexes = [page - 1 for page in body]
    original = pages_of(rendered.path, folder / "text.pdf", indexes)
    mixed = pages_of(rendered.path, folder / "mixed.pdf", indexes, scanned=(indexes[SCANNED],))
    return original, mixed


def _page_error(reference, found, number: int) -> float:
    """Han errors over the whole text (the other pages are the same text layer) per Han
    character of page `number` in the reference."""
    from pdf_fixtures import han

    edits = han_cer(reference.text, found.text) * len(han(reference.text))
    on_page = "".join(p.text for p in reference.paragraphs if p.first_page <= number <= p.last_page)
    return edits / len(han(on_page))


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_a_scanned_page_is_read_under_the_error_floor(pdfs, engine, tmp_path, monkeypatch):
    if engine not in ocr.available_engines():
        pytest.skip(f"{engine} is not installed")
    monkeypatch.setenv("GONGBAO_OCR_ENGINE", engine)
    original, mixed = pdfs
    reference = read_pdf(original.read_bytes(), original, cache_dir=tmp_path, use_cache=False)
    found = read_pdf(mixed.read_bytes(), mixed, cache_dir=tmp_path)
    page = found.pages[SCANNED]
    assert [p.source for p in found.pages] == [PageSource.TEXT, PageSource.OCR, PageSource.TEXT, PageSource.TEXT]
    assert found.engine == engine and 0.5 < page.confidence <= 1.0
    error = _page_error(reference, found, SCANNED + 1)
    assert error <= FLOOR[engine], f"{engine}: Han CER {error:.4f} on the scanned page"
    assert page.printed == reference.pages[SCANNED].printed  # its footer number was read, and dropped
    assert not any("公报" in p.text for p in found.paragraphs if p.first_page == SCANNED + 1)
    # a rebuild never re-reads the page: the OCR result is cached by the page image's hash
    monkeypatch.setitem(ocr._READERS, engine, lambda crop: pytest.fail("OCR ran again"))
    again = read_pdf(mixed.read_bytes(), mixed, cache_dir=tmp_path, use_cache=False)
    assert again.text == found.text


def test_low_confidence_pages_are_named(pdfs, tmp_path, monkeypatch):
    """An editor is pointed at pages OCR was unsure about (the engine's scores made low here)."""
    if not ocr.available_engines():
        pytest.skip("no OCR engine installed")
    import json

    _original, mixed = pdfs
    monkeypatch.setenv("GONGBAO_CACHE_DIR", str(tmp_path))
    engine = ocr.engine_name()
    rendered = ocr.render(mixed.read_bytes(), [SCANNED + 1])[0]
    _, dpi, pixels, size, _, _ = rendered
    lines = [["低置信度的一行文字", 60, 100, 200, 112, 12], ["另一行", 60, 120, 120, 132, 12]]
    import hashlib

    key = hashlib.sha256(f"{engine}:{ocr._CACHE_FORMAT}:{dpi}:{size}".encode() + pixels).hexdigest()
    (tmp_path / "ocr").mkdir()
    (tmp_path / "ocr" / f"{key}.json").write_text(json.dumps({"lines": lines, "confidence": 0.61}), encoding="utf-8")
    issue = parse_issue(mixed)
    warnings = [str(f) for f in issue.findings if "low confidence" in f.message]
    assert warnings and warnings[0].startswith(f"warning: page {SCANNED + 1}") and "0.61" in warnings[0]


def test_a_page_over_the_pixel_cap_is_rendered_smaller_and_a_bomb_not_at_all(tmp_path, monkeypatch):
    """The pixel count is capped before rendering, with a note naming the page; pages stream."""
    from pdf_memory import write_image_pdf

    pdf = tmp_path / "issue.pdf"
    write_image_pdf(pdf, [(2480, 3508, 0), (2480, 3508, 1)])
    monkeypatch.setattr(ocr, "MAX_RENDER_PIXELS", 1_000_000)
    notes: list[tuple[int, str]] = []
    pages = ocr.rendered_pages(pdf.read_bytes(), [1, 2], lambda page, message: notes.append((page, message)))
    number, dpi, pixels, size, _, _ = next(pages)
    assert number == 1 and len(notes) == 1 and notes[0][0] == 1 and "instead of 300" in notes[0][1]
    assert pixels is not None and size[0] * size[1] <= 1_000_000 and dpi < 300
    assert next(pages)[0] == 2  # rendered only when asked for: one page held at a time
    monkeypatch.setattr(ocr, "MAX_IMAGE_PIXELS", 1_000_000)
    notes.clear()
    assert [page[2] for page in ocr.rendered_pages(pdf.read_bytes(), [1], lambda *note: notes.append(note))] == [None]
    assert notes and notes[0][0] == 1 and "not read" in notes[0][1]
