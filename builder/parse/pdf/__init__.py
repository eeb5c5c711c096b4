"""Reading gazette PDFs: positioned text (or OCR of scanned pages) -> one paragraph per line.

    textlayer   characters with boxes and fonts (pypdfium2) -> `Line`s per `Page`
    ocr         pages without a usable text layer: column split on the image, then RapidOCR
                (tesseract as fallback), in parallel, cached by page-image hash
    furniture   running headers/footers, page numbers and margin banners, found by position and
                repetition across pages; the footer numbers give each page's printed number
    order       the producer's order when it reads top-down, else a recursive XY-cut
    paragraphs  lines re-joined into paragraphs from geometry (indent, line fill, font size)
    reader      the whole chain: `read_pdf(data, path) -> PdfText`, cached by content hash

The result feeds the same cleaning -> segment -> extract stages as a text issue (builder.parse).
This package is a parse layer: it never imports builder.site.
"""

from builder.parse.pdf.reader import PdfText, is_pdf, read_pdf

__all__ = ["PdfText", "is_pdf", "read_pdf"]
