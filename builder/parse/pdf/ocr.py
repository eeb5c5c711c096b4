"""OCR of pages without a usable text layer: offline Simplified Chinese, accuracy first.

Engines, best first: RapidOCR (`pip install 'gongbao[ocr]'`: rapidocr + onnxruntime, its bundled
PP-OCR models, the text-line classifier off: it flips upright lines), then Debian's tesseract
with chi_sim (10-20x more character errors, 4x faster). `GONGBAO_OCR_ENGINE=rapidocr|tesseract`
picks one. Each page is rendered at its scan's own resolution (resampling hurts), cut into
columns at a white vertical stripe (detectors otherwise merge lines across a narrow gutter), and
each column read separately; boxes come back in PDF points.

Pages stream: each is rendered, read (in parallel, one process per core, a few pages in flight)
and released before more are rendered, so memory does not grow with the page count; a page's
pixel count is capped before rendering (`MAX_RENDER_PIXELS`, `MAX_IMAGE_PIXELS`). A progress bar
shows on a terminal. Results are cached under `<cache>/<sha256 of the page image and
engine>.json`, so a rebuild never re-reads a page.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import multiprocessing
import os
import shutil
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from builder.model import PageSource
from builder.parse.pdf.layout import Line, Page
from builder.patterns import (
    DASH_READ_AS_ONE,
    SPACE_BY_HAN,
)

INSTALL_HINT = (
    "install one: pip install 'gongbao[ocr]' (RapidOCR, the accurate one), "
    "or apt-get install tesseract-ocr tesseract-ocr-chi-sim"
)
ENGINES = ("rapidocr", "tesseract")
#: resolution for pages that carry no image (a vector page whose text layer is garbage)
VECTOR_DPI = 200
#: a scan's own resolution is used within these bounds
DPI_RANGE = (150, 400)
#: largest page image rendered for OCR (40 MB of grey): A4 at 400 dpi is 15.5 million, A3 at 400
#: dpi 31 million; a larger page (a poster, a huge MediaBox) is rendered at a lower resolution
MAX_RENDER_PIXELS = 40_000_000
#: largest image a page may hold to be rendered at all: PDFium decodes an image whole, about 3.5
#: bytes a pixel, whatever the render scale (a 600-dpi A3 scan is 70 million; a 30000×30000 image
#: bomb of 0.9 MB would take 3 GB)
MAX_IMAGE_PIXELS = 100_000_000
_CACHE_FORMAT = "1"

Progress = Callable[[int, int], None]
#: told of a page shrunk or skipped: (page number, message)
Note = Callable[[int, str], None]


def available_engines() -> list[str]:
    """Installed engines, most accurate first (each needs NumPy and Pillow for the page images)."""
    found = []
    if _importable("numpy", "PIL"):
        if _importable("rapidocr", "onnxruntime"):
            found.append("rapidocr")
        if _importable("pytesseract") and shutil.which("tesseract"):
            found.append("tesseract")
    return found


def _importable(*modules: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(module) is not None for module in modules)


def engine_name() -> str | None:
    """The engine to use: `$GONGBAO_OCR_ENGINE` if installed, else the most accurate installed."""
    found = available_engines()
    wanted = os.environ.get("GONGBAO_OCR_ENGINE")
    if wanted:
        return wanted if wanted in found else None
    return found[0] if found else None


# --- rendering and columns --------------------------------------------------------------------


def page_dpi(page) -> int:
    """The resolution of the page's largest image (a scan), else `VECTOR_DPI`."""
    import pypdfium2.raw as raw

    best = None
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            metadata = image.get_metadata()
        except Exception:
            continue
        if best is None or metadata.width > best.width:
            best = metadata
    if best is None or not best.horizontal_dpi:
        return VECTOR_DPI
    return int(min(max(round(best.horizontal_dpi), DPI_RANGE[0]), DPI_RANGE[1]))


def render(data: bytes, numbers: list[int]) -> list[tuple[int, int, bytes | None, tuple[int, int], float, float]]:
    """(page number, dpi, grey pixels, (width, height) in pixels, page width and height in points)
    for every page at once: for a test or a few pages; `rendered_pages` streams."""
    return list(rendered_pages(data, numbers))


def rendered_pages(
    data: bytes, numbers: list[int], note: Note | None = None
) -> Iterator[tuple[int, int, bytes | None, tuple[int, int], float, float]]:
    """Each page of `numbers` rendered in turn, one held at a time (the caller reads and releases
    it before the next is made): (page number, dpi, grey pixels, (width, height) in pixels, page
    width and height in points). The pixel count is capped before rendering: a page over
    `MAX_RENDER_PIXELS` is rendered at a lower resolution, and a page holding an image over
    `MAX_IMAGE_PIXELS` (PDFium decodes images whole, at any scale) is not rendered (pixels None);
    `note` hears of both, with the page number."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()
            largest = largest_image_pixels(page)
            if largest > MAX_IMAGE_PIXELS:
                if note:
                    note(
                        number,
                        f"an image of {largest / 1e6:.0f} million pixels, over the limit of "
                        f"{MAX_IMAGE_PIXELS / 1e6:.0f} million: the page is not read (rescan it smaller)",
                    )
                yield number, 0, None, (0, 0), width, height
                continue
            dpi = page_dpi(page)
            pixels = (width * dpi / 72) * (height * dpi / 72)
            if pixels > MAX_RENDER_PIXELS:
                shrunk = int(dpi * math.sqrt(MAX_RENDER_PIXELS / pixels))
                if note:
                    note(
                        number,
                        f"rendered for OCR at {shrunk} dpi instead of {dpi}: {pixels / 1e6:.0f} million pixels "
                        f"is over the limit of {MAX_RENDER_PIXELS / 1e6:.0f} million",
                    )
                dpi = shrunk
            if dpi < 1:
                yield number, 0, None, (0, 0), width, height
                continue
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            yield number, dpi, image.tobytes(), image.size, width, height
            del image
    finally:
        pdf.close()


def largest_image_pixels(page) -> int:
    """The pixel count of the page's largest image, from its metadata (nothing is decoded)."""
    import pypdfium2.raw as raw

    largest = 0
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            metadata = image.get_metadata()
        except Exception:
            continue
        largest = max(largest, metadata.width * metadata.height)
    return largest


def split_columns(pixels, threshold: int = 128) -> list[tuple[int, int]]:
    """x ranges of the columns: cut at the widest stripe in the middle 30-70 % of the width whose
    body rows (8-92 % of the height) are almost white; the whole width when there is none."""

    height, width = pixels.shape
    body = pixels[int(height * 0.08) : int(height * 0.92)] < threshold
    dark = body.mean(axis=0)
    lo, hi = int(width * 0.3), int(width * 0.7)
    best, start = None, None
    for x in range(lo, hi + 1):
        white = x < hi and dark[x] <= 0.004
        if white and start is None:
            start = x
        elif not white and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < max(12, width // 150):
        return [(0, width)]
    cut = (best[0] + best[1]) // 2
    left_ink, right_ink = dark[:cut].sum(), dark[cut:].sum()
    if min(left_ink, right_ink) < 0.15 * max(left_ink, right_ink):  # one column beside a margin note
        return [(0, width)]
    return [(0, cut), (cut, width)]


# --- engines ----------------------------------------------------------------------------------

_RAPID = None


def _rapidocr():
    global _RAPID
    if _RAPID is None:
        from rapidocr import RapidOCR

        threads = int(os.environ.get("GONGBAO_OCR_THREADS", "0")) or -1
        _RAPID = RapidOCR(
            params={
                "Global.use_cls": False,
                "Global.log_level": "warning",
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            }
        )
    return _RAPID


def _read_rapidocr(crop) -> list[tuple[str, float, float, float, float, float]]:
    """(text, x0, top, x1, bottom, score) per text line, in pixels of the crop."""
    result = _rapidocr()(crop)
    if result.boxes is None:
        return []
    out = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        out.append((text, float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)), float(score)))
    return out


def _read_tesseract(crop) -> list[tuple[str, float, float, float, float, float]]:
    import pytesseract
    from PIL import Image

    data = pytesseract.image_to_data(
        Image.fromarray(crop),
        lang="chi_sim",
        config="--psm 3 -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    lines: dict[tuple, list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip():
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    out = []
    for indexes in lines.values():
        text = SPACE_BY_HAN.sub("", " ".join(data["text"][i] for i in indexes))
        x0 = min(data["left"][i] for i in indexes)
        top = min(data["top"][i] for i in indexes)
        x1 = max(data["left"][i] + data["width"][i] for i in indexes)
        bottom = max(data["top"][i] + data["height"][i] for i in indexes)
        score = sum(max(float(data["conf"][i]), 0) for i in indexes) / len(indexes) / 100
        out.append((text, x0, top, x1, bottom, score))
    return out


_READERS = {"rapidocr": _read_rapidocr, "tesseract": _read_tesseract}


def ocr_image(engine: str, pixels_bytes: bytes, size: tuple[int, int], dpi: int) -> dict:
    """Lines of one page image, column by column, as plain data (what the cache keeps): boxes in
    points, reading order top-down inside each column."""
    import numpy as np

    pixels = np.frombuffer(pixels_bytes, dtype=np.uint8).reshape(size[1], size[0])
    scale = 72 / dpi
    lines, scores = [], []
    for x0, x1 in split_columns(pixels):
        found = _READERS[engine](np.ascontiguousarray(pixels[:, x0:x1]))
        found.sort(key=lambda item: (item[2] + item[4]) / 2)
        for text, left, top, right, bottom, score in _rows_in_order(found):
            if not text.strip():
                continue
            lines.append(
                [
                    text,
                    round((left + x0) * scale, 2),
                    round(top * scale, 2),
                    round((right + x0) * scale, 2),
                    round(bottom * scale, 2),
                    round((bottom - top) * scale * 0.85, 1),
                ]
            )
            scores.append(score)
    confidence = sum(scores) / len(scores) if scores else None
    return {"lines": lines, "confidence": confidence}


def _rows_in_order(found):
    """Boxes of one row (table cells) left to right, rows top-down."""
    rows: list[list] = []
    for item in found:
        middle = (item[2] + item[4]) / 2
        if rows and abs(middle - (rows[-1][0][2] + rows[-1][0][4]) / 2) < 0.4 * (item[4] - item[2]):
            rows[-1].append(item)
        else:
            rows.append([item])
    return [item for row in rows for item in sorted(row, key=lambda item: item[1])]


def _job(job: tuple) -> tuple[int, dict]:
    engine, number, pixels, size, dpi = job
    return number, ocr_image(engine, pixels, size, dpi)


# --- the whole document -----------------------------------------------------------------------


def recognise(
    data: bytes,
    numbers: list[int],
    cache_dir: Path,
    engine: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    label: str = "",
    note: Note | None = None,
) -> list[Page]:
    """OCR the 1-based pages `numbers` of the PDF `data`; cached pages are not read again. Pages
    stream through rendering and reading; `note` hears of pages shrunk or skipped."""
    engine = engine or engine_name()
    if engine is None:
        raise RuntimeError(INSTALL_HINT)
    results: dict[int, dict] = {}
    sizes: dict[int, tuple[float, float]] = {}
    entries: dict[int, Path] = {}

    def jobs() -> Iterator[tuple]:
        for number, dpi, pixels, size, width, height in rendered_pages(data, numbers, note):
            sizes[number] = (width, height)
            if pixels is None:  # skipped: too large to render
                results[number] = {"lines": [], "confidence": None}
                continue
            key = hashlib.sha256(f"{engine}:{_CACHE_FORMAT}:{dpi}:{size}".encode() + pixels).hexdigest()
            entries[number] = cache_dir / f"{key}.json"
            try:
                results[number] = json.loads(entries[number].read_text(encoding="utf-8"))
            except (OSError, ValueError):
                yield (engine, number, pixels, size, dpi)

    progress = progress or _terminal_progress(label, len(numbers))
    if workers is None:  # one per core, unless this is already one of several parsing processes
        workers = 1 if multiprocessing.parent_process() is not None else min(len(numbers), os.cpu_count() or 1)
    done = 0
    for number, result in _run(jobs(), workers):
        results[number] = result
        _store(entries[number], result)
        done = len(results)  # cached and skipped pages count as done when met
        if progress:
            progress(done, len(numbers))
    if progress and done < len(numbers):
        progress(len(numbers), len(numbers))
    pages = []
    for number in numbers:
        result = results[number]
        width, height = sizes[number]
        lines = _even_sizes(
            [Line(_corrected(text), x0, top, x1, bottom, size) for text, x0, top, x1, bottom, size in result["lines"]]
        )
        pages.append(
            Page(number, width, height, lines, PageSource.OCR if lines else PageSource.EMPTY, result["confidence"])
        )
    return pages


def _corrected(text: str) -> str:
    """Fix what OCR reliably confuses: a dash between two numbers read as 一 (2023一2025年)."""
    return DASH_READ_AS_ONE.sub("—", text)


def _even_sizes(lines: list[Line]) -> list[Line]:
    """OCR box heights vary with the glyphs in them (《, descenders): lines within a quarter of
    the page's median height are body text of one size; larger ones keep theirs (titles)."""
    if not lines:
        return lines
    body = sorted(line.size for line in lines)[len(lines) // 2]
    for line in lines:
        if abs(line.size - body) <= 0.25 * body:
            line.size = body
    return lines


def _run(jobs: Iterator[tuple], workers: int) -> Iterator[tuple[int, dict]]:
    """Read the pages `jobs` yields, in order, with at most two pages per worker in flight (the
    pool's own `map` would take every page at once); no pool for a single page."""
    first = list(itertools.islice(jobs, 2))
    if workers <= 1 or len(first) <= 1:
        for job in itertools.chain(first, jobs):
            yield _job(job)
        return
    # spawn: the caller may be a threaded server (mkdocs serve); each worker loads the engine once
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_one_thread_per_worker
    ) as pool:
        pending: deque[Future] = deque()
        for job in itertools.chain(first, jobs):
            pending.append(pool.submit(_job, job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _one_thread_per_worker() -> None:
    os.environ["GONGBAO_OCR_THREADS"] = "1"  # the workers share the cores between them
    os.environ["OMP_THREAD_LIMIT"] = "1"  # tesseract


def _store(entry: Path, result: dict) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".tmp{os.getpid()}")
        temporary.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass


def _terminal_progress(label: str, total: int) -> Progress | None:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""
    if total == 0 or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        filled = int(30 * done / total)
        sys.stderr.write(f"\rOCR {label} [{'#' * filled}{'.' * (30 - filled)}] page {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    show(0, total)
    return show
