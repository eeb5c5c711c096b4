"""OCR of pages without a usable text layer: offline Simplified Chinese, accuracy first.

Engines, best first: RapidOCR (`pip install 'gongbao[ocr]'`: rapidocr + onnxruntime, its bundled
PP-OCR models, the text-line classifier off: it flips upright lines), then Debian's tesseract
with chi_sim (10-20x more character errors, 4x faster). `GONGBAO_OCR_ENGINE=rapidocr|tesseract`
picks one. Each page is rendered at its scan's own resolution (resampling hurts), cut into
columns at a white vertical stripe (detectors otherwise merge lines across a narrow gutter), and
each column read separately; boxes come back in PDF points.

Pages are read in parallel, one process per core, with a progress bar on a terminal. Results are
cached under `<cache>/<sha256 of the page image and engine>.json`, so a rebuild never re-reads a
page.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
from pathlib import Path

from builder.model import PageSource
from builder.parse.pdf.layout import Line, Page
from builder.patterns.markup import DASH_READ_AS_ONE
from builder.patterns.spacing import SPACE_BY_HAN
from builder.work import Progress, run_in_pool, write_atomically

INSTALL_HINT = (
    "install one: pip install 'gongbao[ocr]' (RapidOCR, the accurate one), "
    "or apt-get install tesseract-ocr tesseract-ocr-chi-sim"
)
ENGINES = ("rapidocr", "tesseract")
#: resolution for pages that carry no image (a vector page whose text layer is garbage)
VECTOR_DPI = 200
#: a scan's own resolution is used within these bounds
DPI_RANGE = (150, 400)
_CACHE_FORMAT = "1"


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


def render(data: bytes, numbers: list[int]) -> list[tuple[int, int, bytes, tuple[int, int], float, float]]:
    """(page number, dpi, grey pixels, (width, height) in pixels, page width and height in points)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for number in numbers:
            page = pdf[number - 1]
            dpi = page_dpi(page)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            width, height = page.get_size()
            out.append((number, dpi, image.tobytes(), image.size, width, height))
        return out
    finally:
        pdf.close()


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
#: threads an engine may use: 0 all the cores (1 in a worker process, `_one_thread_per_worker`)
_ENGINE_THREADS = 0


def _rapidocr():
    global _RAPID
    if _RAPID is None:
        from rapidocr import RapidOCR

        threads = _ENGINE_THREADS or -1
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
    cache_dir: Path | None,
    engine: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    label: str = "",
) -> list[Page]:
    """OCR the 1-based pages `numbers` of the PDF `data`; pages cached in `cache_dir` are not read
    again (None: nothing is cached)."""
    engine = engine or engine_name()
    if engine is None:
        raise RuntimeError(INSTALL_HINT)
    rendered = render(data, numbers)
    results: dict[int, dict] = {}
    jobs, entries = [], {}
    for number, dpi, pixels, size, _, _ in rendered:
        if cache_dir is None:
            jobs.append((engine, number, pixels, size, dpi))
            continue
        key = hashlib.sha256(f"{engine}:{_CACHE_FORMAT}:{dpi}:{size}".encode() + pixels).hexdigest()
        entry = cache_dir / f"{key}.json"
        entries[number] = entry
        try:
            results[number] = json.loads(entry.read_text(encoding="utf-8"))
            continue
        except (OSError, ValueError):
            jobs.append((engine, number, pixels, size, dpi))
    progress = progress or _terminal_progress(label, len(jobs))
    if workers is None:  # one per core, unless this is already one of several parsing processes
        workers = 1 if multiprocessing.parent_process() is not None else min(len(jobs), os.cpu_count() or 1)
    for number, result in run_in_pool(_job, jobs, workers, progress, initializer=_one_thread_per_worker):
        results[number] = result
        if number in entries:
            write_atomically(entries[number], json.dumps(result, ensure_ascii=False))
    pages = []
    for number, _, _, _, width, height in rendered:
        result = results[number]
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


def _one_thread_per_worker() -> None:
    """In each OCR worker process: the workers share the cores between them."""
    global _ENGINE_THREADS
    _ENGINE_THREADS = 1
    os.environ["OMP_THREAD_LIMIT"] = "1"  # the worker's own environment, which tesseract (its child) reads


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
