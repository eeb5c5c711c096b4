"""Gazette tables typeset as PDFs, with the printed grid of each as a table answer key.

Two typesetters, both deterministic for a given seed and package versions:

- Word tables built with python-docx and converted by LibreOffice (`soffice --headless --convert-to pdf`):
  merged cells (a two-row header whose 责任单位 spans two columns, a 牵头单位 spanning rows, full-width category
  rows), header rows marked to repeat on every page (`w:tblHeader`), rows long enough to break across a page,
  tables of 5, 8, 10 and 16 columns (the widest in a landscape section), and a two-column section whose
  table breaks at the column's end. Plain paragraphs with spaced-out words sit between them: they must stay text.
- reportlab: a ruled table and an unruled one (columns set apart by white space only) in AR PL UMing.

Each fixture is `NAME.pdf` plus `NAME.truth.json`, a key in the shape of shared/gold/SCHEMA.md ("Tables"): one
document, its tables with their header rows and the printed grid (a merged cell's text in its first row/column,
"" in the cells it covers).
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
import subprocess
from pathlib import Path

from pdf_fixtures import _register_fonts, fonts_available

DOC_NUMBER = "某政办发〔2026〕7号"
TITLE = "关于印发某旗重点工作任务分解方案的通知"
SONG = "AR PL UMing CN"

#: the plain lines set between tables: words set apart by spaces, which must not become grids
PLAIN_LINES = [
    "3) 爱国卫生法规宣传 政府办 明查 (2 分)",
    "4) 病媒生物防制 卫健委 暗访 (3 分)",
    "各苏木镇人民政府，旗直各有关部门：",
    "现将《某旗重点工作任务分解方案》印发给你们，请结合实际认真贯彻落实。",
]

_TASKS = [
    "推进城乡环境卫生整治",
    "完善基层医疗卫生服务体系建设",
    "加强重点人群健康管理",
    "落实安全生产责任制",
    "开展防汛抗旱应急演练",
    "推动农村牧区人居环境整治提升",
    "实施义务教育薄弱环节改善工程",
    "建设医保+嘎查村(社区)卫生室(服务站)",
    "提升政务服务一网通办水平",
    "加快推进老旧小区改造",
    "深化营商环境综合改革",
    "健全防止返贫动态监测和帮扶机制",
]
_DEPARTMENTS = [
    "政府办",
    "卫健委",
    "应急管理局",
    "教育局",
    "住建局",
    "农牧局",
    "医保局",
    "发改委",
    "财政局",
    "生态环境局",
    "市场监管局",
    "各苏木镇",
]
_DETAIL = "按照年度计划逐项落实，建立工作台账，定期调度进展情况，确保各项措施落地见效"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    """Can the Word fixtures be made here (python-docx, LibreOffice and the fonts)?"""
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return fonts_available() and soffice() is not None


# --- the tables, as grids -------------------------------------------------------------------------


def _task_table(rng: random.Random, columns: int, rows: int, categories: bool, long_cells: bool) -> dict:
    """A 任务分解表: header rows, data rows, category rows; spans as [row, col, rowspan, colspan]."""
    spans: list[list[int]] = []
    if columns == 5:
        header = [["序号", "工作任务", "责任单位", "", "完成时限"], ["", "", "牵头单位", "配合单位", ""]]
        spans += [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2], [0, 4, 2, 1]]
    else:
        names = ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时限", "分值", "考核方式"]
        names += [f"{month}月" for month in range(1, columns - len(names) + 1)]
        header = [names[:columns]]
    grid = [list(row) for row in header]
    number = 0
    category = 0
    while len(grid) - len(header) < rows:
        if categories and number % 6 == 0:
            category += 1
            grid.append(
                [f"{'一二三四五六七八九十'[category - 1]}、{_DEPARTMENTS[category]}类任务"] + [""] * (columns - 1)
            )
            spans.append([len(grid) - 1, 0, 1, columns])
        number += 1
        task = rng.choice(_TASKS)
        lead = rng.choice(_DEPARTMENTS)
        row = [str(number), task]
        if columns == 5:
            helper = "、".join(rng.sample(_DEPARTMENTS, rng.randint(1, 3)))
            detail = _DETAIL * rng.randint(1, 4) if long_cells else helper
            row += [lead, detail, f"2026年{rng.randint(1, 12)}月底前"]
        else:
            extra = [
                _DETAIL[: rng.randint(8, 30)] if long_cells else _DETAIL[:8],
                lead,
                "、".join(rng.sample(_DEPARTMENTS, 2)),
                f"{rng.randint(1, 12)}月底",
                str(rng.randint(1, 10)),
                rng.choice(["明查", "暗访", "资料审核"]),
            ]
            row += extra + ["√" if rng.random() < 0.4 else "" for _ in range(columns - 2 - len(extra))]
            row = row[:columns]
        grid.append(row)
    if columns == 5:  # one 牵头单位 spanning the next row (the row's own text goes in the first)
        for index in range(len(header) + 2, len(grid) - 1):
            if grid[index][1] and grid[index + 1][1] and grid[index][0].isdigit() and grid[index + 1][0].isdigit():
                grid[index + 1][2] = ""
                spans.append([index, 2, 2, 1])
                break
    return {"header_rows": len(header), "rows": grid, "spans": spans}


def tables_for(name: str) -> list[dict]:
    """The tables of fixture `name`, each with its title."""
    rng = random.Random(name)
    if name == "word":
        specs = [
            ("重点工作任务分解表", 5, 28, True, True),
            ("考核指标一览表", 8, 14, True, False),
            ("督查计划表", 10, 12, False, False),
        ]
    elif name == "word16":
        specs = [("全年工作进度安排表", 16, 30, True, False)]
    elif name == "wordcols":
        specs = [("联络员名单", 3, 70, False, False)]
    else:  # reportlab
        specs = [("责任清单", 4, 22, False, False)]
    out = []
    for title, columns, rows, categories, long_cells in specs:
        if columns == 3:
            grid = [["序号", "单位", "联络员"]] + [
                [str(i), rng.choice(_DEPARTMENTS), rng.choice(["王晓明", "高 慧", "李建国", "张 伟"])]
                for i in range(1, rows + 1)
            ]
            table = {"header_rows": 1, "rows": grid, "spans": []}
        elif columns == 4:
            grid = [["序号", "事项", "责任单位", "时限"]] + [
                [str(i), rng.choice(_TASKS), rng.choice(_DEPARTMENTS), f"{rng.randint(1, 12)}月"]
                for i in range(1, rows + 1)
            ]
            table = {"header_rows": 1, "rows": grid, "spans": []}
        else:
            table = _task_table(rng, columns, rows, categories, long_cells)
        out.append({"title": title, **table})
    return out


def truth(name: str, tables: list[dict]) -> dict:
    return {
        "seed": f"{name}.pdf",
        "documents": [{"title": TITLE, "doc_number": DOC_NUMBER, "start_line": 1, "end_line": 100000}],
        "tables": [
            {
                "document": 0,
                "title": table["title"],
                "start_line": 1,
                "end_line": 1,
                "header_rows": table["header_rows"],
                "rows": table["rows"],
                "spans": table["spans"],
                "recoverable": True,
            }
            for table in tables
        ],
    }


# --- Word + LibreOffice ---------------------------------------------------------------------------


def _font(run, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = SONG
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SONG)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _paragraph(doc, text: str, size: float = 12, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), size, bold)


def _word_table(doc, table: dict, size: float, widths: list[float] | None = None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    grid = table["rows"]
    word = doc.add_table(rows=len(grid), cols=len(grid[0]))
    word.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                cell = word.cell(r, c)
                _font(cell.paragraphs[0].add_run(text), size, r < table["header_rows"])
    for r, c, rows, columns in table["spans"]:
        word.cell(r, c).merge(word.cell(r + rows - 1, c + columns - 1))
    if widths:
        word.autofit = False
        for column, width in zip(word.columns, widths, strict=True):
            column.width = Mm(width)
        for row in word.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
    for r in range(table["header_rows"]):  # Word repeats these at the top of every page
        properties = word.rows[r]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)


def build_docx(name: str, out: Path) -> list[dict]:
    """The Word document of fixture `name`; returns its tables."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tables = tables_for(name)
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    _paragraph(doc, DOC_NUMBER, center=True)
    _paragraph(doc, TITLE, size=18, bold=True, center=True)
    for line in PLAIN_LINES:
        _paragraph(doc, line)
    if name == "word16":
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    if name == "wordcols":
        section = doc.add_section(WD_SECTION.CONTINUOUS)
        columns = OxmlElement("w:cols")
        columns.set(qn("w:num"), "2")
        columns.set(qn("w:space"), "425")
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is not None:
            grid.addprevious(columns)
        else:
            section._sectPr.append(columns)
    for index, table in enumerate(tables):
        _paragraph(doc, table["title"], size=14, bold=True, center=True)
        widths = [12, 34, 26] if name == "wordcols" else None  # a table as wide as its column
        _word_table(doc, table, 9 if len(table["rows"][0]) > 8 else 10.5, widths)
        _paragraph(doc, PLAIN_LINES[index % 2])
    fixed = datetime.datetime(2026, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.save(out)
    return tables


def render_word(name: str, folder: Path) -> Path:
    """`folder/NAME.pdf` and `NAME.truth.json` from a python-docx document converted by LibreOffice."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.docx"
    tables = build_docx(name, source)
    profile = folder / ".lo-profile"
    subprocess.run(
        [
            soffice() or "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (folder / f"{name}.truth.json").write_text(json.dumps(truth(name, tables), ensure_ascii=False), encoding="utf-8")
    return folder / f"{name}.pdf"


# --- reportlab ------------------------------------------------------------------------------------


def render_reportlab(name: str, folder: Path, ruled: bool) -> Path:
    """`folder/NAME.pdf`: the plain lines, a title and one table, ruled or set apart by white space."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    tables = tables_for("reportlab")
    body = ParagraphStyle("body", fontName="Song", fontSize=12, leading=20, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontName="Hei", fontSize=16, leading=26, alignment=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=10.5, leading=15)
    story: list = [Paragraph(DOC_NUMBER, body), Paragraph(TITLE, title)]
    story += [Paragraph(line, body) for line in PLAIN_LINES]
    for table in tables:
        story.append(Paragraph(table["title"], title))
        rows = [[Paragraph(text, cell) for text in row] for row in table["rows"]]
        flowable = Table(rows, colWidths=[40, 220, 120, 60], repeatRows=table["header_rows"] if ruled else 0)
        style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
        flowable.setStyle(TableStyle(style))
        story += [flowable, Paragraph(PLAIN_LINES[0], body)]
    out = folder / f"{name}.pdf"
    SimpleDocTemplate(str(out), pagesize=(595, 842), invariant=1, leftMargin=70, rightMargin=70).build(story)
    (folder / f"{name}.truth.json").write_text(json.dumps(truth(name, tables), ensure_ascii=False), encoding="utf-8")
    return out


WORD = ("word", "word16", "wordcols")
REPORTLAB = ("ruled", "unruled")


def render_all(folder: Path) -> dict[str, Path]:
    """Every fixture into `folder`: name -> PDF (the Word ones only where LibreOffice is installed)."""
    made = {}
    if available():
        for name in WORD:
            made[name] = render_word(name, folder)
    if fonts_available():
        for name in REPORTLAB:
            made[name] = render_reportlab(name, folder, ruled=name == "ruled")
    return made
