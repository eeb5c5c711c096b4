"""The catalogue of bad inputs gongbao is tried on, and how to see what it made of each.

Each `Case` writes one input into a fresh folder and names the outcome it should have:

    error     `gongbao` stops on it with one line naming the file (and the line, where one is
              to blame), exit status 2 (`inspect`, `add`) or 1 (`check`); no traceback; `add`
              writes nothing
    warning   the issue is published, with a warning naming the file and line for the editor
    rendered  the issue is published as if nothing were wrong (same pages as the clean original)

`tests/test_bad_input.py` asserts every case; `scripts/bad_input_report.py` writes the table
to docs/bad-inputs.md.
"""

from __future__ import annotations

import contextlib
import io
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder.commands.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PLAIN = CONTENT / "东胜区人民政府" / "2024-01-03" / "issue.txt"  # encodable in GBK (no Mongolian script)
MONGOLIAN = CONTENT / "乌达区人民政府" / "2023-02" / "issue.txt"  # has Mongolian script: GB18030, not GBK
INJECTION = ROOT / "tests" / "fixtures" / "injection" / "某区人民政府" / "2024-01" / "issue.txt"

ERROR, WARNING, RENDERED = "error", "warning", "rendered"


@dataclass(frozen=True)
class Case:
    name: str
    expected: str
    make: Callable[[Path], Path]  # writes the input below a folder; returns the raw issue (or content folder)
    words: str = ""  # what the message must say
    command: str = "inspect"  # or "check" for a content folder, "add" for a raw issue
    line: bool = False  # whether the message must name a line
    options: tuple[str, ...] = ()  # more arguments; {folder} is the case's folder


@dataclass(frozen=True)
class Outcome:
    kind: str
    status: int
    message: str  # the error or first warning line; empty when rendered
    output: str
    written: tuple[str, ...] = ()  # files and folders that appeared under the case's folder


def run_case(case: Case, folder: Path) -> Outcome:
    """Write the case's input under `folder` and run gongbao on it, in-process."""
    target = case.make(folder)
    before = _tree(folder)
    out, err = io.StringIO(), io.StringIO()
    options = [option.format(folder=folder) for option in case.options]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([case.command, str(target), *options])
    output = out.getvalue() + err.getvalue()
    written = tuple(sorted(str(path) for path in _tree(folder) - before))
    if status == 2 or (case.command == "check" and status == 1):
        lines = (
            [line for line in output.splitlines() if line.startswith("gongbao: ")]
            if status == 2
            else [
                line.strip() for line in output.splitlines() if line.startswith("  ") and not line.startswith("    (")
            ]
        )
        return Outcome(ERROR, status, lines[0] if lines else output.strip(), output, written)
    warnings = [line.strip() for line in output.splitlines() if line.strip().startswith("warning:")]
    if warnings:
        return Outcome(WARNING, status, warnings[0], output, written)
    return Outcome(RENDERED, status, "", output, written)


def _tree(folder: Path) -> set[Path]:
    """Everything under `folder` and beside it (where an escaping `add` would write)."""
    return {path for root in (folder, folder.parent) for path in root.glob("*")} | set(folder.rglob("*"))


# --- inputs -----------------------------------------------------------------------------------


def raw_file(data: bytes, name: str = "issue.txt") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "某区人民政府" / "2024-01" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    return make


def reencoded(source: Path, encoding: str, newline: str = "\n") -> Callable[[Path], Path]:
    text = source.read_text(encoding="utf-8")
    return raw_file(text.replace("\n", newline).encode(encoding))


def with_sidecar(text: str | bytes, name: str = "issue.yml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        raw = raw_file(PLAIN.read_bytes())(folder)
        data = text.encode("utf-8") if isinstance(text, str) else text
        (raw.parent / name).write_bytes(data)
        return raw

    return make


def content_copy(change: Callable[[Path], None]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        content = folder / "content"
        shutil.copytree(CONTENT, content)
        change(content)
        return content

    return make


def _duplicate_issue(content: Path) -> None:
    shutil.copytree(content / "乌达区人民政府" / "2023-02", content / "乌达区人民政府" / "2023-02-again")


def _bad_aliases(content: Path) -> None:
    (content / "东胜区人民政府" / "departments.yml").write_text("aliases:\n  教育局: [1, 2\n", encoding="utf-8")


def _big_issue(folder: Path) -> Path:
    path = folder / "某区人民政府" / "2024-01" / "issue.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    block = PLAIN.read_bytes()
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "某区人民政府" / "2024-01" / "issue.txt"
    path.mkdir(parents=True)
    return path


_MISSING_TOC = "\n".join(
    [
        "测试县人民政府公报",
        "2024年第1期",
        "目 录",
        "测试县人民政府关于甲事项的通知 ..... 1",
        "测试县人民政府关于乙事项的通知 ..... 3",
        "",
        "测试县人民政府关于甲事项的通知",
        "测政发〔2024〕1号",
        "各部门：",
        "现将有关事项通知如下。",
        "测试县人民政府",
        "2024年1月2日",
        "",
    ]
).encode("utf-8")


def _outside(folder: Path, text: str = "secret outside the content folder") -> Path:
    """A file outside the content folder, for links to point at."""
    path = folder / "outside" / "secret.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _link_to_etc(content: Path) -> None:
    (content / "etc").symlink_to("/etc")


def _linked_issue(content: Path) -> None:
    raw = content / "克什克腾旗人民政府" / "2025-01" / "issue.txt"
    copy = _outside(content.parent, raw.read_text(encoding="utf-8"))
    raw.unlink()
    raw.symlink_to(copy)


def _linked_notes(content: Path) -> None:
    (content / "notes.md").symlink_to(_outside(content.parent))


def _linked_sidecar(content: Path) -> None:
    (content / "乌达区人民政府" / "2023-02" / "issue.yml").symlink_to(_outside(content.parent, "issue: {}\n"))


def _dangling_issue(content: Path) -> None:
    (content / "乌达区人民政府" / "2023-03").mkdir()
    (content / "乌达区人民政府" / "2023-03" / "issue.txt").symlink_to(content.parent / "nowhere.txt")


def _no_year(content: Path) -> None:
    path = content / "X" / "2024-01" / "issue.txt"
    path.parent.mkdir(parents=True)
    path.write_text("各单位：今年以来工作取得新成效。\n", encoding="utf-8")


def _hidden_folder(content: Path) -> None:
    (content / "克什克腾旗人民政府").rename(content / "..克什克腾旗人民政府")


def _hidden_file(content: Path) -> None:
    folder = content / "乌达区人民政府" / "2023-02"
    (folder / "issue.txt").rename(folder / ".issue.txt")


def _fake_pdf(content: Path) -> None:
    folder = content / "克什克腾旗人民政府" / "2025-01"
    (folder / "issue.txt").rename(folder / "issue.pdf")


def _alias_loop(content: Path) -> None:
    (content / "东胜区人民政府" / "departments.yml").write_text(
        "aliases:\n  区教体局: 区教育和体育局\n  区财政局: 区发改局\n  区发改局: 区财政局\n", encoding="utf-8"
    )


def _self_alias(content: Path) -> None:
    (content / "东胜区人民政府" / "departments.yml").write_text("aliases:\n  区财政局: 区财政局\n", encoding="utf-8")


def _image_bomb(folder: Path) -> Path:
    from pdf_memory import write_image_pdf

    path = folder / "某区人民政府" / "2024-01" / "issue.pdf"
    path.parent.mkdir(parents=True)
    write_image_pdf(path, [(30000, 30000, 0)])
    return path


_CONTROLS = PLAIN.read_text(encoding="utf-8").replace("\n", "\x1b[31m\x07\n", 12).encode("utf-8")

_STRAY_BYTE = PLAIN.read_bytes()[:5000] + b"\xff" + PLAIN.read_bytes()[5000:]

CASES = [
    Case("empty file", ERROR, raw_file(b""), "file is empty"),
    Case("white space only", ERROR, raw_file(" \n\t\r\n　\n".encode()), "no text"),
    Case("binary (PNG bytes)", ERROR, raw_file(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "binary"),
    Case(
        "random high bytes",
        ERROR,
        raw_file(bytes(b | 0x80 for b in random.Random(7).randbytes(20000))),
        "cannot decode",
        line=True,
    ),
    Case("UTF-8 with one stray invalid byte", ERROR, raw_file(_STRAY_BYTE), "cannot decode", line=True),
    Case("a folder named issue.txt", ERROR, _folder, "is a folder"),
    Case("50 MB issue", ERROR, _big_issue, "over the 20.0 MB limit"),
    Case("GBK copy of a sample", RENDERED, reencoded(PLAIN, "gbk")),
    Case("GB18030 copy of a sample (Mongolian script)", RENDERED, reencoded(MONGOLIAN, "gb18030")),
    Case("UTF-16 LE with BOM", RENDERED, reencoded(PLAIN, "utf-16")),
    Case(
        "UTF-16 BE with BOM",
        RENDERED,
        lambda folder: raw_file(b"\xfe\xff" + PLAIN.read_text(encoding="utf-8").encode("utf-16-be"))(folder),
    ),
    Case("UTF-8 with BOM", RENDERED, reencoded(PLAIN, "utf-8-sig")),
    Case("CRLF line ends", RENDERED, reencoded(PLAIN, "utf-8", "\r\n")),
    Case("CR line ends", RENDERED, reencoded(PLAIN, "utf-8", "\r")),
    Case(
        "no recognisable document",
        WARNING,
        raw_file("这是一段没有标题的文字。\n\n第二段文字，也没有文号。\n".encode()),
        "no document recognised",
        line=True,
    ),
    Case("目录 item missing from the text", WARNING, raw_file(_MISSING_TOC), "目录 item not found", line=True),
    Case(
        "script, HTML, Markdown links, Jinja and --- lines in the text",
        WARNING,
        raw_file(INJECTION.read_bytes()),
        "suspicious leftover",
        line=True,
    ),
    Case("sidecar: bad YAML", ERROR, with_sidecar("issue:\n  date: [2024-01-31\n"), "not valid YAML", line=True),
    Case(
        "sidecar: TOML instead of YAML",
        ERROR,
        with_sidecar('[issue]\ndate = "2024-01-31"\n', "issue.toml"),
        "sidecars are YAML",
    ),
    Case("sidecar: unknown key", ERROR, with_sidecar("issue:\n  volume: 3\n"), "unknown key 'volume'", line=True),
    Case(
        "sidecar: wrong type",
        ERROR,
        with_sidecar("issue:\n  year: 二〇二四\n"),
        "'year' in issue must be int",
        line=True,
    ),
    Case(
        "sidecar: a date that does not exist",
        ERROR,
        with_sidecar("issue:\n  date: 2024-02-30\n"),
        "real date",
        line=True,
    ),
    Case(
        "sidecar: a date in another form", ERROR, with_sidecar("issue:\n  date: '20240131'\n"), "real date", line=True
    ),
    Case("sidecar: not UTF-8", ERROR, with_sidecar("issue:\n  publisher: 某区人民政府\n".encode("gbk")), "not UTF-8"),
    Case(
        "sidecar: a correction that matches no document",
        WARNING,
        with_sidecar("documents:\n  - match: 某政发〔2099〕1号\n    title: x\n"),
        "matches no document",
    ),
    Case("duplicated 文号 across issues", ERROR, content_copy(_duplicate_issue), "is already used by", "check", True),
    Case("departments.yml: bad YAML", ERROR, content_copy(_bad_aliases), "not valid YAML", "check", True),
    Case(
        "departments.yml: an alias loop (A: B, B: A)", ERROR, content_copy(_alias_loop), "aliases loop", "check", True
    ),
    Case("departments.yml: an alias for itself", ERROR, content_copy(_self_alias), "stands for itself", "check", True),
    Case("a link to /etc under content/", ERROR, content_copy(_link_to_etc), "is a symbolic link", "check"),
    Case("issue.txt a link to a file outside content/", ERROR, content_copy(_linked_issue), "symbolic link", "check"),
    Case("notes.md a link to a file outside content/", ERROR, content_copy(_linked_notes), "symbolic link", "check"),
    Case("issue.yml a link to a file outside content/", ERROR, content_copy(_linked_sidecar), "symbolic link", "check"),
    Case("a dangling link named issue.txt", ERROR, content_copy(_dangling_issue), "dangling symbolic link", "check"),
    Case(
        "an issue whose year cannot be read", ERROR, content_copy(_no_year), "year of the issue cannot be read", "check"
    ),
    Case("a hidden folder holding an issue", ERROR, content_copy(_hidden_folder), "hidden folder", "check"),
    Case("a hidden issue file", ERROR, content_copy(_hidden_file), "hidden file", "check"),
    Case("a text file named issue.pdf", ERROR, raw_file(PLAIN.read_bytes(), "issue.pdf"), "is not a PDF"),
    Case("a text file named issue.pdf, in content/", ERROR, content_copy(_fake_pdf), "is not a PDF", "check"),
    Case(
        "add: a text file named issue.pdf",
        ERROR,
        raw_file(PLAIN.read_bytes(), "issue.pdf"),
        "is not a PDF",
        "add",
        options=("--content", "{folder}/content"),
    ),
    *[
        Case(
            f"add {option} {shown}",
            ERROR,
            raw_file(PLAIN.read_bytes()),
            f"{option} ",
            "add",
            options=("--content", "{folder}/content", option, value),
        )
        for option, value, shown in [
            ("--folder", "../../x", "../../x"),
            ("--folder", "{folder}/abs", "/an/absolute/folder"),
            ("--publisher", "../../y", "../../y"),
            ("--folder", "a/../../..", "a/../../.."),
        ]
    ],
    Case("control characters (ESC, BEL) in the text", WARNING, raw_file(_CONTROLS), "control character", line=True),
    Case(
        "a 30000×30000 image in a one-page PDF (an image bomb)", ERROR, _image_bomb, "page 1: an image of 900 million"
    ),
]
