"""Stage 1, read: bytes on disk -> decoded text split into numbered source lines.

Accepts UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, and CRLF, CR or LF line
ends. Line numbers are those of the file as an editor sees it: 1-based, a last line without a
newline still counts. Anything that is not text is refused with an `InputError` naming the file
(and the line, where one line is to blame).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from builder.errors import InputError
from builder.patterns.characters import CJK_CHAR, CONTROL_CHARACTER

#: largest raw issue read by default; a real issue is well under 1 MB
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: a PDF may be this many times larger than the limit (a 200-dpi scan is about 0.3-1 MB a page)
PDF_SIZE_FACTOR = 25

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def read_issue_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a raw issue file, decoded, with line ends normalized to LF."""
    return decode(read_issue_bytes(path, max_bytes), path)


def read_issue_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a raw issue file, refused before reading when over `max_bytes` (so memory
    stays bounded whatever the file's size)."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a raw issue file", path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"cannot read file ({error.strerror})", path) from None
    if size > max_bytes and path.suffix.lower() == ".pdf":  # page images: a scanned issue is much larger
        max_bytes *= PDF_SIZE_FACTOR
    if size > max_bytes:
        raise InputError(
            f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit "
            "(raise it with --max-size, or max_issue_size in mkdocs.yml, if this really is one issue)",
            path,
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read file ({error.strerror})", path) from None


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 100_000 else f"{size} bytes"


def decode(data: bytes, path: str | Path = "<input>") -> str:
    """Decode raw bytes of an issue; raise `InputError` for empty, binary or undecodable data."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("file is empty", path)
    text = _decode_bytes(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_binary(text, path)
    if not text.strip():
        raise InputError("file has no text (only white space)", path)
    return text


def _decode_bytes(data: bytes, path: str | Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _undecodable(data, error, encoding, path) from None
    if b"\x00" in data[:4096] and _looks_like_utf16(data):
        try:
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
            if _plausible_chinese(text):
                return text
        except UnicodeDecodeError:
            pass
        guess = _charset_guess(data)
        if guess:
            return guess
        raise _undecodable(data, utf8_error, "UTF-8 or GB18030", path) from None


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any run of high bytes; real Chinese text uses the common characters
    of GB2312 (nearly all of a gazette), random or binary bytes mostly rare ones."""
    sample = [ch for ch in text[:20000] if ord(ch) > 0x7F and not ch.isspace()]
    if not sample:
        return True
    common = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.8 * len(sample)


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample.count(b"\x00") > len(sample) // 4


def _charset_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in {"ascii"}:
        return None
    text = str(best)
    han = len(CJK_CHAR.findall(text))
    return text if han > len(text) // 10 else None


def _undecodable(data: bytes, error: UnicodeDecodeError, encoding: str, path) -> InputError:
    line = data[: error.start].count(b"\n") + 1
    if b"\x00" in data[:4096]:
        return InputError("file is binary, not text", path)
    return InputError(f"cannot decode as {encoding} (byte {error.start})", path, line)


def _refuse_binary(text: str, path: str | Path) -> None:
    controls = [i for i, ch in enumerate(text[:65536]) if ch < " " and ch not in "\n\t\f\v"]
    if len(controls) > max(8, len(text[:65536]) // 200):
        line = text[: controls[0]].count("\n") + 1
        raise InputError("file is binary, not text (control characters)", path, line)


def drop_control_characters(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text without C0/C1 control characters (tab and newline kept), and each line that had
    some, with what was dropped as escapes (`\\x1b`), for a warning naming the line. Expects line
    ends already normalized to LF; line numbers are unchanged."""
    if not CONTROL_CHARACTER.search(text):
        return text, []
    dropped = []
    for number, line in enumerate(split_lines(text), 1):
        found = CONTROL_CHARACTER.findall(line)
        if found:
            dropped.append((number, "".join(sorted(set(found))).encode("unicode_escape").decode("ascii")))
    return CONTROL_CHARACTER.sub("", text), dropped


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (a final line without newline counts, a final newline adds none)."""
    return text.split("\n") if not text.endswith("\n") else text[:-1].split("\n")
