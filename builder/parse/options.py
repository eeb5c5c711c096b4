"""What a parse may be told besides the bytes it reads: one value, passed down from the plugin or
the command line (through the content cache) to the parse and the PDF and OCR readers, never
through the process environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """`cache_dir`: where what is read from PDFs (`<cache_dir>/pdf`) and recognised by OCR
    (`<cache_dir>/ocr`) is kept, beside the parse cache; None: nothing is kept (`cache: false`)."""

    cache_dir: Path | None = None


#: a parse told nothing: no cache
DEFAULT_OPTIONS = ParseOptions()
