"""Characters: the Han range, digits, numerals and scripts the other pattern modules are built from."""

from __future__ import annotations

import re
import unicodedata

HAN = r"\u3400-\u9fff\uf900-\ufaff"
#: one Han character, for building patterns: rf"{ONE_HAN}+$"
ONE_HAN = f"[{HAN}]"
CJK_CHAR = re.compile(f"[{HAN}]")
MONGOLIAN = re.compile(r"[\u1800-\u18af]")
#: C0 and C1 control characters but tab and newline (ESC, BEL, form feed …): never text, and
#: invalid in XML (the feed); CR is turned into newlines before this applies
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: ASCII and full-width digits, for a character class: [{DIGITS}]
DIGITS = "0-9０-９"
#: Chinese numerals (and the O letters OCR reads for 〇), for a character class
CN_NUMERALS = "〇○零OＯ一二三四五六七八九十"


def match_text(match: re.Match[str] | None) -> str:
    """The text a pattern that can match the empty string found, "" for none (for the type checker)."""
    return match.group(0) if match else ""


def ascii_digits(text: str) -> str:
    """Full-width and other Unicode digits as ASCII (２０２３ -> 2023); other characters unchanged."""
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in text)


#: a run of ASCII digits
DIGIT_RUN = re.compile(r"\d+")
