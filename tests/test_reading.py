"""builder.parse.reading: every accepted encoding and line end reads as the same text; anything that is
not text is refused with an `InputError` of one line naming the file."""

from __future__ import annotations

import codecs
import functools
import random
from pathlib import Path

import pytest
from conftest import SAMPLES

from builder.commands.report import inspect_data
from builder.errors import InputError
from builder.parse import parse_issue
from builder.parse.reading import read_issue_text, split_lines

TEXT = (
    "东胜区人民政府公报\n"
    "鄂尔多斯市东胜区人民政府办公室关于印发《东胜区实施方案》的通知\n"
    "东政办发〔2023〕33号\n"
    "各镇人民政府，区直各部门：\n"
    "现将《东胜区实施方案》印发给你们，请认真贯彻执行。\n"
    "二〇二三年八月十八日\n"
)

#: how a UTF-8/LF text is spelled in each accepted form
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16 with BOM and CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-8 CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "utf-8 CR": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "gb18030 CRLF": lambda text: text.replace("\n", "\r\n").encode("gb18030"),
}

#: two samples: one Markdown-style, one hard-wrapped whose very first line is a page start
ROUND_TRIP_SAMPLES = ["000_d2a9df18967429e5", "003_85a88f5a5de43b5d"]


def write(tmp_path: Path, data: bytes, name: str = "issue.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, **options) -> InputError:
    """Reading `path` raises an InputError whose message is one line naming the file."""
    with pytest.raises(InputError) as caught:
        read_issue_text(path, **options)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message and "\r" not in message
    return caught.value


@functools.cache
def sample_model(stem: str) -> dict:
    """The model of a sample as stored (UTF-8, LF), parsed once; callers must not change it."""
    return model_without_source(SAMPLES[stem])


def model_without_source(path: Path) -> dict:
    data = inspect_data(parse_issue(path, sidecar=False))
    del data["source"]
    return data


# --- accepted encodings and line ends ---------------------------------------------------------


@pytest.mark.parametrize("form", sorted(ENCODINGS))
def test_short_text_reads_the_same_in_every_form(tmp_path: Path, form: str) -> None:
    path = write(tmp_path, ENCODINGS[form](TEXT))
    assert read_issue_text(path) == TEXT


def test_gbk_reads_the_same(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT.encode("gbk"))
    assert read_issue_text(path) == TEXT


def test_no_bom_or_carriage_return_survives(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"))
    text = read_issue_text(path)
    assert "\ufeff" not in text and "\r" not in text


@pytest.mark.parametrize("form", sorted(ENCODINGS))
@pytest.mark.parametrize("stem", ROUND_TRIP_SAMPLES)
def test_sample_issue_parses_identically_in_every_form(tmp_path: Path, stem: str, form: str) -> None:
    text = SAMPLES[stem].read_text(encoding="utf-8")
    path = write(tmp_path, ENCODINGS[form](text))
    assert model_without_source(path) == sample_model(stem)


# --- refused input ----------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path: Path) -> None:
    error = refused(write(tmp_path, b""))
    assert "empty" in error.message


@pytest.mark.parametrize(
    "data",
    [b"  \n\t\r\n   \n", codecs.BOM_UTF8 + b"\r\n\r\n", "\u3000\u3000\n\u3000\n".encode("utf-8")],
    ids=["ascii white space", "BOM and blank lines", "ideographic spaces"],
)
def test_white_space_only_file_is_refused(tmp_path: Path, data: bytes) -> None:
    refused(write(tmp_path, data))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_file_is_refused(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)) + b"\x00" * 16
    error = refused(write(tmp_path, png, "scan.png"))
    assert "binary" in error.message


def test_text_with_many_control_characters_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, bytes(range(1, 9)) * 200))


def test_undecodable_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfd" + "第三行\n".encode()
    path = write(tmp_path, data)
    error = refused(path)
    assert error.line == 3
    assert f"{path}:3:" in str(error)


def test_file_over_max_bytes_is_refused(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    path = write(tmp_path, data)
    error = refused(path, max_bytes=len(data) - 1)
    assert "limit" in error.message


def test_file_of_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    assert read_issue_text(write(tmp_path, data), max_bytes=len(data)) == TEXT


def test_missing_file_is_refused(tmp_path: Path) -> None:
    refused(tmp_path / "no-such-issue.txt")


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "issue.txt"
    folder.mkdir()
    refused(folder)


def test_parse_issue_refuses_what_reading_refuses(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    with pytest.raises(InputError, match="empty"):
        parse_issue(path)


# --- line numbering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("甲\n乙", ["甲", "乙"]),  # a last line without newline counts
        ("甲\n乙\n", ["甲", "乙"]),  # a final newline adds no line
        ("甲\n\n乙\n\n", ["甲", "", "乙", ""]),  # blank lines count, the last one too
        ("甲", ["甲"]),
        ("\n甲", ["", "甲"]),
        ("第一页\f第二页\n", ["第一页\f第二页"]),  # a form feed is not a line end
    ],
)
def test_split_lines_numbers_lines_as_an_editor_does(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_document_start_line_is_the_editor_line_whatever_the_line_end(tmp_path: Path, line_end: str) -> None:
    raw = "\n".join(
        [
            "",
            "",
            "鄂尔多斯市东胜区人民政府关于成立",
            "工作领导小组的通知",
            "东政发〔2024〕1号",
            "各镇人民政府：",
            "为加快发展，决定成立领导小组。现将有关事项通知如下：",
            "鄂尔多斯市东胜区人民政府",
            "2024年1月2日",
        ]
    )
    path = write(tmp_path, raw.replace("\n", line_end).encode("utf-8"))
    (document,) = parse_issue(path).documents
    assert (document.start_line, document.end_line) == (3, 9)
