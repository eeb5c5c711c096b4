"""Re-layouts of the sample issues, to measure the builder on layouts it was not tuned on.

A held-out issue comes in one of three layouts: plain (one paragraph per line), hard-wrapped
(every PDF line its own line, blank lines between, running footers with page numbers, a
vertical banner, a leading space on each page's first line) or OCR-Markdown (headings at
random levels, bold labels, running headers between paragraphs). The samples come in only one
layout each; this module renders a sample (and the held-out evaluation issues of tests/heldout/)
in the others, deterministically (no randomness: the same input gives the same bytes), and
remaps its answer key's line numbers to the rendering.

    python benchmarks/layouts.py [--out DIR] [--width 20] [--page-lines 48]   # scores of every rendering

Functions (used by tests/test_scorer.py too):

- `plain(text, gold)`: Markdown stripped (for the OCR-Markdown samples);
- `hard_wrapped(text, gold)`: ~20-character lines of the plain form;
- `ocr_markdown(text, gold)`: the Markdown a converter would make of a plain sample.

Each returns a `Rendering`: the text and the remapped answer key.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from support import SHARED, run_shared_tool

ROOT = Path(__file__).resolve().parent.parent

WIDTH = 20  # display width of a hard-wrapped body line (Han characters)
TABLE_WIDTH = 45  # a flattened table row runs across the page
PAGE_LINES = 48  # content lines per printed page
_NO_LINE_START = "，。、；：？！）》”’」』〕】…%,.:;!?)"
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*")


@dataclass
class Rendering:
    name: str
    text: str
    gold: dict


def _width(ch: str) -> float:
    return 1.0 if ord(ch) > 0x2000 else 0.5


def wrap(text: str, width: float = WIDTH, first_indent: float = 0.0) -> list[str]:
    """Cut a line into pieces of at most `width` display width, the way a PDF column does: no
    piece starts with closing punctuation, an ASCII word or number is never cut."""
    pieces: list[str] = []
    current, used = "", first_indent
    for ch in text:
        w = _width(ch)
        if used + w > width and current and ch not in _NO_LINE_START:
            cut = len(current)
            if re.match(r"[0-9A-Za-z.%]", ch):  # move a whole ASCII run to the next line
                run = re.search(r"[0-9A-Za-z.%]+$", current)
                if run and run.start() > 0:
                    cut = run.start()
            pieces.append(current[:cut])
            current = current[cut:]
            used = sum(_width(c) for c in current)
        current += ch
        used += w
    if current:
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def _strip_markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line.rstrip())
    return _BOLD.sub("", line)


class _Builder:
    """Output lines with the original line each came from, for remapping the answer key."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origin: list[int | None] = []

    def add(self, text: str, origin: int | None = None) -> None:
        self.lines.append(text)
        self.origin.append(origin)

    def remap(self, gold: dict, name: str) -> Rendering:
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for index, origin in enumerate(self.origin):
            if origin is not None and self.lines[index].strip():
                first.setdefault(origin, index + 1)
                last[origin] = index + 1
        new = copy.deepcopy(gold)
        new["seed"] = f"{name}.txt"
        for document in new["documents"]:
            start = min((o for o in first if o >= document["start_line"]), default=None)
            end = max((o for o in last if o <= document["end_line"]), default=None)
            document["start_line"] = first[start]
            document["end_line"] = last[end]
        for noise in new.get("noise", []):
            noise["lines"] = [first[n] for n in noise.get("lines", []) if n in first]
        return Rendering(name, "\n".join(self.lines) + "\n", new)


def plain(text: str, gold: dict, name: str = "plain") -> Rendering:
    """The issue with the converter's Markdown taken out: one paragraph per line."""
    out = _Builder()
    for number, line in enumerate(text.splitlines(), 1):
        out.add(_strip_markdown(line), number)
    return out.remap(gold, name)


_SPLIT_TAIL = re.compile(r"^(?!.*\s\s)(?=.*[，,。；;]).*[\u4e00-\u9fff\d]$")  # prose (no roster) stopping mid-sentence
_RUNS_ON = re.compile(r"^[\u4e00-\u9fff]")
_STARTS_ITEM = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.．、]|第[一二三四五六七八九十百]+条)")


def rejoin_page_splits(text: str, gold: dict, name: str = "rejoined") -> Rendering:
    """The plain form with the paragraphs its source split at a page end put back on one line: a
    line of prose that stops mid-sentence (a comma or a full stop before, a character last), then,
    past blank lines and the running header (the gazette's name alone), a line that runs on (a
    Han character first, no item number). Such a seed was cut from its PDF page by page; the
    paragraph is one in print (only inside a document, its title left as it is), so it is one
    paragraph of the original the paragraph check reads,
    and one paragraph the renderings lay out (a real page shows no mid-sentence stop mid-page)."""
    title = re.sub(r"\s", "", gold["issue"]["gazette_title"])
    lines = text.splitlines()
    inside = {n for d in gold["documents"] for n in range(d["start_line"] + 1, d["end_line"] + 1)}
    out = _Builder()
    index = 0
    while index < len(lines):
        line = lines[index]
        out.add(line, index + 1)
        index += 1
        if index not in inside or not _SPLIT_TAIL.search(line.strip()):
            continue
        ahead = index
        while ahead < len(lines) and (not lines[ahead].strip() or re.sub(r"[\s■●◆]", "", lines[ahead]) == title):
            ahead += 1
        if (
            ahead + 1 in inside
            and _RUNS_ON.match(lines[ahead].strip())
            and not _STARTS_ITEM.match(lines[ahead].strip())
        ):
            out.lines[-1] = line.rstrip() + lines[ahead].strip()
            index = ahead + 1
    return out.remap(gold, name)


def _banner(title: str, form: int) -> list[str]:
    """The gazette's name printed vertically: one character per line, with blank lines between
    the characters in every other form."""
    chars = list(title)
    if form % 2:
        return [piece for ch in chars for piece in (ch, "")][:-1]
    return chars


def hard_wrapped(text: str, gold: dict, name: str = "hard-wrapped") -> Rendering:
    """The plain form cut into ~20-character lines with a blank line after each, pages of
    `PAGE_LINES` lines ending in a running footer (the gazette's name, year, 期 and page, or a
    section name and page), a vertical banner before or after every second footer, and the
    first line of each page starting with one space and no blank line before it."""
    issue = gold["issue"]
    title = issue["gazette_title"]
    numbers = issue["issue_numbers"]
    span = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    out = _Builder()
    page, on_page, page_start = 1, 0, False
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_markdown(raw).strip()
        if not line:
            continue
        if re.search(r"[，。；]", line):  # the other layout's wrap spaces in prose (a roster's are real)
            line = re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])", "", line)
        if "\t" in line:
            pieces = wrap(re.sub(r"\t+", " ", line), TABLE_WIDTH)
        else:
            prose = len(line) > WIDTH and re.search(r"[。；：]$", line)
            pieces = wrap(line, WIDTH, first_indent=2 if prose else 0)
        for piece in pieces:
            if page_start:
                out.add(" " + piece, number)
                page_start = False
            else:
                out.add(piece, number)
            out.add("")
            on_page += 1
            if on_page >= PAGE_LINES:
                _page_end(out, title, issue["year"], span, page)
                page, on_page, page_start = page + 1, 0, True
    return out.remap(gold, name)


def _page_end(out: _Builder, title: str, year: int, span: str, page: int) -> None:
    footer = f"{title} {year}·{span}- {page} -" if page % 3 else f"政府文件 - {page} -"
    banner = _banner(title, page // 2) if page % 2 == 0 else []
    after = page % 4 == 0  # the banner follows the footer on some pages
    if not after:
        for ch in banner:
            out.add(ch)
    out.add("")
    out.add("")
    out.add(footer)
    if after:
        out.add("")
        for ch in banner:
            out.add(ch)


_OUTLINE_1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_OUTLINE_2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff\s]{1,8}[:：])(?P<rest>.+)$")


def ocr_markdown(text: str, gold: dict, name: str = "ocr-markdown") -> Rendering:
    """The Markdown a PDF-to-Markdown converter makes of a plain issue: blank lines between
    paragraphs, document titles as `#` headings, outline headings at levels that do not follow
    the outline (一、 as `##` or `###`), short labels bold, the 目录 heading as a heading, and
    the gazette's name as a running header every 40 lines, inside a paragraph where the line
    there is a long one (a page break in mid-sentence)."""
    starts = {document["start_line"] for document in gold["documents"]}
    title = gold["issue"]["gazette_title"]
    out = _Builder()
    count = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if number in starts or re.fullmatch(r"目\s*录", line):
            line = "# " + line
        elif _OUTLINE_1.match(line) and len(line) <= 30:
            line = ("## " if count % 2 else "### ") + line
        elif _OUTLINE_2.match(line) and len(line) <= 30:
            line = "#### " + line
        elif "\t" not in line and (label := _LABEL.match(line)) and not line.startswith("- "):
            line = f"**{label['label']}**{label['rest']}"
        count += 1
        if count % 40 == 0 and len(line) > 40 and not line.startswith("#") and "\t" not in line:
            middle = len(line) // 2  # a page break inside the paragraph, the running header between
            out.add(line[:middle], number)
            out.add("")
            out.add(title)
            out.add("")
            out.add(line[middle:], number)
            out.add("")
            continue
        out.add(line, number)
        out.add("")
        if count % 40 == 0:
            out.add(title)
            out.add("")
    return out.remap(gold, name)


# --- the benchmark ------------------------------------------------------------------------------

#: which renderings of which issue: the plain ones in the two other layouts, the OCR-Markdown
#: ones as plain text and hard-wrapped
RENDERINGS = {
    "001_b8e2f47bf2aa892e": (hard_wrapped, ocr_markdown),
    "000_d2a9df18967429e5": (plain, hard_wrapped),
    "004_8c6b577f21ba2ac5": (plain, hard_wrapped),
    "heldout": (hard_wrapped, ocr_markdown),
    "qingshan_plain": (hard_wrapped, ocr_markdown),
    "dongling_markdown": (plain,),
}
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
EVALUATION = ROOT / "tests" / "heldout"  # the held-out evaluation issues


def sources(stem: str) -> tuple[Path, Path]:
    """The raw text and answer key of a sample (by its seed's stem), of this benchmark's made-up
    issue, or of a held-out evaluation issue (by its folder's name)."""
    if stem == "heldout":
        return HELDOUT / "issue.txt", HELDOUT / "gold.json"
    if (EVALUATION / stem).is_dir():
        return EVALUATION / stem / "issue.txt", EVALUATION / stem / "gold.json"
    return SHARED / "seeds" / f"{stem}.txt", SHARED / "gold" / f"{stem}.json"


def rendering_names() -> list[str]:
    """The names `<stem>.<layout>` of every rendering of `RENDERINGS`, without reading any file
    (test parameters: the samples' sources may not be beside the repository)."""
    return [f"{stem}.{make.__name__.replace('_', '-')}" for stem, makers in RENDERINGS.items() for make in makers]


def available(name: str) -> bool:
    """Whether the raw text and answer key of rendering `name` are at hand."""
    return all(path.exists() for path in sources(name.split(".")[0]))


def rendering(name: str) -> Rendering:
    """The rendering `name` (`<stem>.<layout>`, one of `rendering_names()`)."""
    stem, layout = name.split(".")
    make = next(make for make in RENDERINGS[stem] if make.__name__.replace("_", "-") == layout)
    raw, key_path = sources(stem)
    text = raw.read_text(encoding="utf-8")
    key = json.loads(key_path.read_text(encoding="utf-8"))
    flat = plain(text, key) if make is hard_wrapped else Rendering("original", text, key)
    if make is hard_wrapped:
        flat = rejoin_page_splits(flat.text, flat.gold)
    return make(flat.text, flat.gold, name=name)


def renderings() -> list[Rendering]:
    """Every rendering of `RENDERINGS` whose sources are at hand."""
    return [rendering(name) for name in rendering_names() if available(name)]


def score(rendering: Rendering, folder: Path) -> dict:
    """Extraction scores of `rendering` from the shared scorer, and under "paragraphs" the
    paragraph check against the one-paragraph-per-line (plain) form of the same issue, both on
    `gongbao inspect --json` of the rendering. Files are written to `folder`."""
    from builder.commands.report import inspect_data
    from builder.parse import parse_issue

    stem, layout = rendering.name.split(".")
    raw_path, key_path = sources(stem)
    original = plain(raw_path.read_text(encoding="utf-8"), json.loads(key_path.read_text(encoding="utf-8")))
    if layout == "hard-wrapped":  # the paragraphs it lays out whole (see rejoin_page_splits)
        original = rejoin_page_splits(original.text, original.gold)
    paths = {
        kind: folder / f"{rendering.name}.{kind}"
        for kind in ("txt", "gold.json", "pred.json", "original.txt", "original.json")
    }
    paths["txt"].write_text(rendering.text, encoding="utf-8")
    paths["gold.json"].write_text(json.dumps(rendering.gold, ensure_ascii=False), encoding="utf-8")
    paths["original.txt"].write_text(original.text, encoding="utf-8")
    paths["original.json"].write_text(json.dumps(original.gold, ensure_ascii=False), encoding="utf-8")
    issue = parse_issue(paths["txt"], sidecar=False)
    paths["pred.json"].write_text(json.dumps(inspect_data(issue), ensure_ascii=False), encoding="utf-8")
    scores = run_shared_tool("score_extraction.py", paths["gold.json"], paths["pred.json"], "--seed", paths["txt"])
    scores["paragraphs"] = run_shared_tool(
        "paragraph_check.py", paths["original.txt"], paths["original.json"], paths["pred.json"]
    )
    return scores


KEYS = [
    "segment_f1",
    "title",
    "doc_number",
    "issuers",
    "date",
    "section",
    "toc_recall",
    "issue_fields",
    "text_coverage",
    "noise_leaks",
]


def main() -> None:
    global WIDTH, PAGE_LINES
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="keep the renderings, answer keys and predictions here")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"hard-wrapped line width (default {WIDTH})")
    parser.add_argument(
        "--page-lines", type=int, default=PAGE_LINES, help=f"lines a printed page (default {PAGE_LINES})"
    )
    args = parser.parse_args()
    WIDTH, PAGE_LINES = args.width, args.page_lines
    folder = args.out or Path(tempfile.mkdtemp(prefix="gongbao-layouts-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| rendering | " + " | ".join(KEYS) + " | paragraphs intact | exact |")
    print("|---" * (len(KEYS) + 3) + "|")
    for rendering in renderings():
        scores = score(rendering, folder)
        cells = [f"{scores[k]:.3f}" if isinstance(scores[k], float) else str(scores[k]) for k in KEYS]
        paragraphs = scores["paragraphs"]
        print(
            f"| {rendering.name} | "
            + " | ".join(cells)
            + f" | {paragraphs['intact']:.3f} ({paragraphs['paragraphs']}) | {paragraphs['exact']:.3f} |"
        )
    print(f"\nfiles in {folder}")


if __name__ == "__main__":
    main()
