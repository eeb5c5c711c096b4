"""A gazette PDF -> the text of the issue, one paragraph per line, with where each line sits.

The chain, per page: the text layer's positioned lines (builder.parse.pdf.textlayer); a page whose
layer is missing or garbage (fewer than `MIN_CHARS` characters on an image page, or a Han share
under `MIN_HAN_SHARE`: a font without ToUnicode map) is OCR'd instead (builder.parse.pdf.ocr). Then,
over the whole document: furniture dropped (builder.parse.pdf.furniture), reading order
(builder.parse.pdf.order), paragraphs (builder.parse.pdf.paragraphs).

What is read is derived data: it is cached under `<cache>/pdf/<sha256 of the PDF and of this
package's code>.json` and never stored beside the PDF.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from builder.errors import InputError
from builder.model import Noise, PageSource
from builder.parse.pdf.furniture import Dropped, drop_furniture, printed_numbers
from builder.parse.pdf.layout import Page, han_share
from builder.parse.pdf.order import auto_order
from builder.parse.pdf.paragraphs import Paragraph, build_paragraphs
from builder.parse.sources import source_digest

MIN_HAN_SHARE = 0.3
MIN_CHARS = 20


def is_pdf(data: bytes) -> bool:
    """A PDF starts with `%PDF-` (within its first KB, as readers allow)."""
    return b"%PDF-" in data[:1024]


def default_cache_dir() -> Path:
    """`$GONGBAO_CACHE_DIR`, else `.cache/gongbao` in the working folder (the project's root)."""
    return Path(os.environ.get("GONGBAO_CACHE_DIR") or ".cache/gongbao")


@dataclass(slots=True)
class PageInfo:
    number: int
    source: PageSource
    printed: int | None = None
    confidence: float | None = None
    label: str | None = None


@dataclass
class PdfText:
    """What was read from a PDF: paragraphs in reading order, each page, the furniture dropped."""

    paragraphs: list[Paragraph]
    pages: list[PageInfo]
    dropped: list[Dropped] = field(default_factory=list)
    engine: str | None = None  # the OCR engine used, when a page needed one
    notes: list[tuple[int, str]] = field(default_factory=list)  # (page, message): pages shrunk or skipped

    @property
    def text(self) -> str:
        """One paragraph per line, marked up as converters do for the cleaning stages: a paragraph
        set larger than the body as a Markdown heading (`SourceLine.heading`), one that starts a
        page with a leading space (`SourceLine.page_start`)."""
        return "".join(
            (" " if paragraph.page_start else "") + ("## " if paragraph.title else "") + paragraph.text + "\n"
            for paragraph in self.paragraphs
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "paragraphs": [asdict(p) for p in self.paragraphs],
                "pages": [asdict(p) for p in self.pages],
                "dropped": [asdict(d) for d in self.dropped],
                "engine": self.engine,
                "notes": self.notes,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> PdfText:
        data = json.loads(text)
        return cls(
            [Paragraph(**p) for p in data["paragraphs"]],
            [PageInfo(**{**p, "source": PageSource(p["source"])}) for p in data["pages"]],
            [Dropped(d["page"], Noise(d["kind"]), d["text"], d["in_band"]) for d in data["dropped"]],
            data["engine"],
            [(page, message) for page, message in data["notes"]],
        )


def reader_fingerprint() -> str:
    """What the text read from a PDF depends on besides its bytes: this package's code with every
    builder module it imports (patterns included), and the OCR engine that would read its scanned
    pages."""
    from builder.parse.pdf.ocr import engine_name

    digest = hashlib.sha256(str(engine_name()).encode())
    digest.update(source_digest("parse/pdf"))
    return digest.hexdigest()[:16]


def read_pdf(data: bytes, path: str | Path, cache_dir: Path | None = None, use_cache: bool = True) -> PdfText:
    """Read the PDF `data` (from `path`, for messages), from the cache when it was read before."""
    cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
    entry = cache_dir / "pdf" / f"{hashlib.sha256(data).hexdigest()}-{reader_fingerprint()}.json"
    if use_cache and entry.is_file():
        try:
            return PdfText.from_json(entry.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError):
            pass  # a truncated or older entry: read afresh
    result = _read(data, path, cache_dir)
    if use_cache:
        _write_atomically(entry, result.to_json())
    return result


def _read(data: bytes, path: str | Path, cache_dir: Path) -> PdfText:
    from builder.parse.pdf import ocr, textlayer

    try:
        pdf = textlayer.open_pdf(data)
    except Exception as error:  # pypdfium2 raises PdfiumError with the reason (format, password)
        raise InputError(f"not a readable PDF ({error})", path) from None
    try:
        if len(pdf) == 0:
            raise InputError("the PDF has no pages", path)
        labels = textlayer.page_labels(pdf)
        pages: list[Page] = []
        scanned: list[int] = []
        for index in range(len(pdf)):
            try:
                page = textlayer.read_page(pdf, index)
            except Exception as error:
                raise InputError(f"page {index + 1}: cannot read its text ({error})", path) from None
            text = "".join(line.text for line in page.lines)
            few = len(text.strip()) < MIN_CHARS
            if (few and textlayer.has_images(pdf[index])) or (not few and han_share(text) < MIN_HAN_SHARE):
                scanned.append(index + 1)
            elif not text.strip():
                page.source = PageSource.EMPTY
            page.label = labels[index]
            pages.append(page)
    finally:
        pdf.close()
    engine = None
    notes: list[tuple[int, str]] = []
    if scanned:
        engine = ocr.engine_name()
        if engine is None:
            raise InputError(
                f"page {scanned[0]}: a scanned page (no usable text layer; {len(scanned)} page(s) in all) "
                f"and no OCR engine is installed: {ocr.INSTALL_HINT}",
                path,
            )
        pages_read = ocr.recognise(
            data,
            scanned,
            cache_dir / "ocr",
            label=Path(path).name,
            note=lambda page, message: notes.append((page, message)),
        )
        for page in pages_read:
            page.label = pages[page.number - 1].label
            pages[page.number - 1] = page
    dropped = drop_furniture(pages)
    for page in pages:
        page.lines = auto_order(page.lines)
    printed = printed_numbers(pages, dropped, [page.label for page in pages])
    infos = [
        PageInfo(page.number, page.source, number, page.confidence, page.label)
        for page, number in zip(pages, printed, strict=True)
    ]
    paragraphs = build_paragraphs(pages)
    if not paragraphs:
        if notes:  # the only pages with text were too large to read: say why
            raise InputError(f"page {notes[0][0]}: {notes[0][1]}; the PDF has no other text", path)
        raise InputError("the PDF has no text (blank pages only)", path)
    return PdfText(paragraphs, infos, dropped, engine, notes)


def _write_atomically(entry: Path, text: str) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=entry.parent, prefix=".tmp-", delete=False
        ) as handle:
            handle.write(text)
        os.replace(handle.name, entry)
    except OSError:
        pass  # a read-only checkout still builds; it only reads the PDF again next time
