"""The gazette model: what the builder extracts, independent of how it was parsed or is rendered.

An `Issue` holds its `TocEntry` list and its `Document`s; a `Document` holds its metadata and its
body as a list of `Block`s. Parsing fills these in (builder.parse); rendering reads them
(builder.render). Nothing here knows about regular expressions or Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import Enum, StrEnum


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A 文号 such as 东政办发〔2023〕33号.

    `prefix` is the issuing code (东政办发; empty when the text gives none), `year` and `serial`
    are integers, and `raw` is the spelling found in the text. `normalized` is the one spelling
    used for matching and display: 〔〕 brackets, ASCII digits, no spaces.
    """

    prefix: str
    year: int
    serial: int
    raw: str

    @property
    def normalized(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.normalized


class BlockKind(str, Enum):
    """What a body block is; the renderer picks its Markdown from this."""

    HEADING = "heading"  # outline heading: level 2 (一、) … 5 ((1))
    ATTACHMENT_TITLE = "attachment_title"  # title of an attached/issued plan or 附件
    ATTACHMENT_LABEL = "attachment_label"  # "附件1" line above an attachment title
    PARAGRAPH = "paragraph"
    LINES = "lines"  # lines kept as printed (rosters, flattened tables that could not be recovered)
    TABLE = "table"
    PRINTED_TABLE = "printed_table"  # a table that could not be recovered: its lines as printed, with a note
    CLOSING = "closing"  # signature and date under the text, or the 版记 colophon
    RECIPIENTS = "recipients"  # 主送机关 line
    DOC_NUMBER = "doc_number"  # the document's own 文号 line
    SUBTITLE = "subtitle"  # a line right under the title: (征求意见稿), ——date at meeting, speaker


@dataclass(slots=True)
class Block:
    """One unit of a document body, with the source lines it came from."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    start_line: int = 0
    end_line: int = 0

    def texts(self) -> list[str]:
        """Every run of source text the block holds: its text, its lines, its table cells."""
        return ([self.text] if self.text else []) + self.lines + [cell for row in self.rows for cell in row]


@dataclass(slots=True)
class TocEntry:
    """One line of the issue's own 目录, as printed (wrap spaces removed)."""

    section: str | None
    title: str
    page: int | None
    line: int
    doc_number: str | None = None
    document: int | None = None  # 1-based position of the document it names; None: not found in the text


@dataclass(frozen=True, slots=True)
class Validity:
    """When a document takes effect and how long it stays in force, as its own text states.

    `effective` is the 施行日期 (ISO 8601), `effective_text` the words that give it
    (自2023年9月30日起实施; 自印发之日起施行 takes the 成文日期); `valid_until` the last day in
    force (ISO), given (有效期至…) or counted from `effective` (有效期5年), `term_text` the words
    that give it. Whether it has lapsed depends on the day one asks, so it is not stored here.
    """

    effective: str | None = None
    effective_text: str | None = None
    valid_until: str | None = None
    term_text: str | None = None
    #: a review or revision cycle (有效期原则上为三年，但…要求修订时予以及时修订): not an end
    review_text: str | None = None


class EffectKind(StrEnum):
    """What one document does to another, in the words gazettes use for the result."""

    REPEALS = "废止"  # 决定废止, 原《…》同时废止
    INVALIDATES = "失效"  # 宣布失效, 停止执行, 不再执行
    AMENDS = "修改"  # 关于修改《…》的决定


class EffectSource(StrEnum):
    """Where an effect was read, or that an editor gave it."""

    LIST = "list"  # a numbered list under a 废止 / 失效 heading of a repeal decision
    TABLE = "table"  # a 序号 / 文件名称 / 文号 table of a repeal decision or its 附件
    REPLACEMENT = "replacement"  # 原《…》（文号）同时废止 in a new document
    AMENDMENT = "amendment"  # 关于修改《…》的决定
    EDITOR = "editor"  # added or corrected in the issue's sidecar


@dataclass(slots=True)
class Effect:
    """One effect the document holding it (the acting document) has on another (the target).

    The target is named as the text names it: by 文号 (`target_number`), by title
    (`target_title`), or both; the site finds it in the archive, by 文号 first, by title where
    the 文号 is missing, garbled or not in the archive. `date` is when it takes effect (the
    acting document's 施行日期, else its 成文日期). `line` and `text` are the source line and
    the words it was read from; `reason` is an editor's note (sidecar), shown with the effect.
    `rejected` effects were read from the text but an editor rejected them (kept, with the reason).
    """

    kind: EffectKind
    source: EffectSource
    target_number: DocNumber | None = None
    target_title: str | None = None
    date: str | None = None
    line: int | None = None
    text: str = ""
    reason: str | None = None
    rejected: bool = False

    def record(self) -> dict:
        return {
            "kind": self.kind.value,
            "source": self.source.value,
            "target_number": self.target_number.normalized if self.target_number else None,
            "target_title": self.target_title,
            "date": self.date,
            "line": self.line,
            "text": self.text,
            "reason": self.reason,
            "rejected": self.rejected,
        }


class Noise(StrEnum):
    """Why a line (or part of one) was dropped from the text: the removed-text report's reasons."""

    TABLE_OF_CONTENTS = "table of contents"
    EDITORIAL_BOARD = "masthead / editorial board"
    COVER = "cover / masthead"
    MONGOLIAN_SCRIPT = "Mongolian-script line"
    PAGE_NUMBER = "page number / running footer"
    RUNNING_HEADER = "running header/footer"
    RUNNING_HEADER_MISREAD = "running header (misread by OCR)"
    VERTICAL_BANNER = "vertical banner"
    BANNER_CHARACTER = "banner character glued to a line"
    BACK_COVER = "back cover"
    REPEATED_TABLE_HEADER = "repeated table header"


class PagesUnknown(StrEnum):
    """Why a document's printed pages are not given (said on its page instead of pages)."""

    NOT_PRINTED = "原文未标页码"  # no paged 目录 lists it and no page footer survives in its text
    PARTLY_PRINTED = "原文仅部分页脚印有页码"  # footers show some of its pages, not where it starts and ends
    COMPANION = "目录未单列，印于上一件页码范围内"  # a glossary or interpretation printed after the item it serves


class Level(str, Enum):
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True)
class Finding:
    """Something the builder is unsure about, for the editor: a warning or a note, with its line."""

    level: Level
    message: str
    line: int | None = None
    page: int | None = None  # PDF page of the line, when the issue came as a PDF

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        if self.page:
            where = f"page {self.page}{f', line {self.line}' if self.line else ''}: "
        return f"{self.level.value}: {where}{self.message}"


class Kind(StrEnum):
    """What a document is: the 文种 of a 文件 (from the word its title ends with), or the kind of
    a non-文件 item a gazette carries. The value is the name the site shows and filters by."""

    NOTICE = "通知"
    BULLETIN = "通报"
    REPLY = "批复"
    DECISION = "决定"
    OPINION = "意见"
    ANNOUNCEMENT = "公告"
    PUBLIC_NOTICE = "通告"
    COMMAND = "命令"
    RESOLUTION = "决议"
    REPORT = "报告"  # a 文件 报告, or a 政府工作报告
    REQUEST = "请示"
    LETTER = "函"
    MINUTES = "纪要"  # a 文件 纪要, or a 会议纪要
    MOTION = "议案"
    COMMUNIQUE = "公报"
    DECREE = "令"
    CHRONICLE = "大事记"
    MEETING = "会议"  # a 常务会议 and what it decided
    SPEECH = "讲话"
    GLOSSARY = "名词解释"
    INTERPRETATION = "解读"  # a 政策解读 of another document
    INTRODUCTION = "简介"  # the gazette's own introduction
    APPOINTMENTS = "任免"


@dataclass(slots=True)
class Document:
    """One item of an issue: a 文件 (a notice together with the plan it issues), 批复, 公告,
    or a non-文件 item such as 大事记, a meeting, a work report, a glossary or a 政策解读."""

    title: str
    start_line: int
    end_line: int
    doc_number: DocNumber | None = None
    issuers: list[str] = field(default_factory=list)
    date: str | None = None  # 成文日期, ISO 8601
    recipients: str | None = None  # 主送机关, without the trailing colon
    kind: Kind | None = None  # 文种
    section: str | None = None  # 目录 section
    attachments: list[str] = field(default_factory=list)
    references: list[DocNumber] = field(default_factory=list)  # other 文号 cited, in order
    blocks: list[Block] = field(default_factory=list)
    in_toc: bool = False
    # printed page range (first, last) in the gazette: from the 目录, or from the PDF when the
    # issue came as one; None when neither says
    pages: tuple[int, int] | None = None
    pages_unknown: PagesUnknown | None = None  # why `pages` is None, when the parser knows
    footer_pages: tuple[int, int] | None = None  # pages its text is seen on, from running footers, when `pages` is None
    pdf_page: int | None = None  # 1-based page of the issue's PDF where the document starts (issue.pdf#page=N)
    validity: Validity | None = None  # 施行日期 and 有效期, when the text states them (builder.parse.validity)
    effects: list[Effect] = field(default_factory=list)  # what it repeals, invalidates, amends (parse.effects)

    def metadata(self) -> dict:
        """The document's metadata as plain data (what front matter and JSON carry): every field
        of `DOCUMENT_FIELDS`, in its order."""
        return {declared.name: declared.read(self) for declared in DOCUMENT_FIELDS}


@dataclass(frozen=True, slots=True)
class DocumentField:
    """One field of a document's metadata, declared once for every use of it: its key in
    `Document.metadata()` (front matter, model.json, documents.json), what a reader calls it,
    what an editor may write for it in a sidecar, whether a change to it is a revision and
    whether search results carry it (the search record, named field by field in meta.json)."""

    name: str  # the key everywhere; for a correctable field also the `Document` attribute it sets
    label: str  # what a reader calls it (a revision names a changed field by it)
    accepts: type  # what a sidecar may write for it (a list: of `items`)
    read: Callable[[Document], object]  # its value as plain data
    items: type | None = None
    tracked: bool = False  # a change to it is a revision of the published document
    correctable: bool = False  # a sidecar may set it (`documents:` items)
    indexed: bool = False  # the search record carries it (results show it, filters read it)


#: the document's metadata, in the order front matter lists it; adding a field is one entry here
DOCUMENT_FIELDS: tuple[DocumentField, ...] = (
    DocumentField("title", "标题", str, lambda d: d.title, tracked=True, correctable=True),
    DocumentField(
        "doc_number",
        "文号",
        str,
        lambda d: d.doc_number.normalized if d.doc_number else None,
        tracked=True,
        correctable=True,
        indexed=True,
    ),
    DocumentField("doc_number_raw", "文号原文", str, lambda d: d.doc_number.raw if d.doc_number else None),
    DocumentField("issuers", "发文机关", list, lambda d: list(d.issuers), items=str, tracked=True, correctable=True),
    DocumentField("date", "成文日期", str, lambda d: d.date, tracked=True, correctable=True),
    DocumentField("recipients", "主送机关", str, lambda d: d.recipients, tracked=True, correctable=True),
    DocumentField(
        "kind",
        "文种",
        str,
        lambda d: d.kind.value if d.kind else None,
        tracked=True,
        correctable=True,
        indexed=True,
    ),
    DocumentField("section", "栏目", str, lambda d: d.section, tracked=True, correctable=True),
    DocumentField(
        "attachments", "附件", list, lambda d: list(d.attachments), items=str, tracked=True, correctable=True
    ),
    DocumentField("references", "引用文号", list, lambda d: [r.normalized for r in d.references], items=str),
    DocumentField("effective_date", "施行日期", str, lambda d: d.validity.effective if d.validity else None),
    DocumentField("valid_until", "有效期至", str, lambda d: d.validity.valid_until if d.validity else None),
    DocumentField("review_text", "修订周期", str, lambda d: d.validity.review_text if d.validity else None),
    DocumentField("effects", "效力规定", list, lambda d: [effect.record() for effect in d.effects], items=dict),
    DocumentField("start_line", "起始行", int, lambda d: d.start_line),
    DocumentField("end_line", "结束行", int, lambda d: d.end_line),
)


class PageSource(str, Enum):
    """How the text of a PDF page was read."""

    TEXT = "text"  # the PDF's own text layer
    OCR = "ocr"  # recognised from the page image
    EMPTY = "empty"  # nothing to read (a blank page)


@dataclass(slots=True)
class SourcePage:
    """One page of an issue that came as a PDF: how it was read, the number it prints, and the
    lines of the text read from it (the line numbers findings and sidecars use)."""

    number: int  # 1-based page of the PDF
    source: PageSource
    printed: int | None = None  # the page number printed on it (footer or page label)
    confidence: float | None = None  # OCR: mean recognition score of its lines, 0-1
    first_line: int | None = None  # first and last line of the text read from it
    last_line: int | None = None


@dataclass(slots=True)
class Masthead:
    """What the gazette prints about itself in its masthead (版权页), when it does: the
    主管单位, 主办单位, 承办单位, who edits it (编辑, 编印单位), its address, postcode and phone."""

    supervisor: str | None = None  # 主管单位
    sponsor: str | None = None  # 主办单位
    organizer: str | None = None  # 承办单位
    editor: str | None = None  # 编辑 / 编印单位
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None

    def facts(self) -> list[tuple[str, str]]:
        """(label as printed in Chinese, value) of each fact the masthead gives, in masthead order."""
        labels = {
            "supervisor": "主管单位",
            "sponsor": "主办单位",
            "organizer": "承办单位",
            "editor": "编辑",
            "address": "地址",
            "postcode": "邮编",
            "phone": "电话",
        }
        return [(label, value) for name, label in labels.items() if (value := getattr(self, name))]


@dataclass(slots=True)
class Issue:
    """One issue (期) of a gazette, with its own 目录 and its documents in printed order."""

    source: str  # path of the raw file, for messages
    gazette_title: str | None = None
    publisher: str | None = None
    year: int | None = None
    issue_label: str | None = None
    issue_numbers: list[int] = field(default_factory=list)
    total_number: int | None = None
    date: str | None = None
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    removed: list[tuple[int, Noise, str]] = field(default_factory=list)  # (line, reason, text) dropped as noise
    pdf_pages: list[SourcePage] = field(default_factory=list)  # the PDF's pages; empty for a text issue
    masthead: Masthead | None = None  # the gazette's own facts, when the issue prints them

    def page_of(self, line: int | None) -> int | None:
        """The PDF page a line of the text read from a PDF comes from (None for a text issue)."""
        if line is None:
            return None
        for page in self.pdf_pages:
            if page.first_line is not None and page.first_line <= line <= (page.last_line or page.first_line):
                return page.number
        earlier = [page.number for page in self.pdf_pages if page.first_line is not None and page.first_line <= line]
        return earlier[-1] if earlier else None

    @property
    def has_toc(self) -> bool:
        return bool(self.toc)

    def warn(self, message: str, line: int | None = None) -> None:
        self.findings.append(Finding(Level.WARNING, message, line))

    def note(self, message: str, line: int | None = None) -> None:
        self.findings.append(Finding(Level.INFO, message, line))

    def metadata(self) -> dict:
        return {
            "gazette_title": self.gazette_title,
            "publisher": self.publisher,
            "year": self.year,
            "issue_label": self.issue_label,
            "issue_numbers": list(self.issue_numbers),
            "total_number": self.total_number,
            "date": self.date,
            "has_toc": self.has_toc,
        }

    def toc_data(self) -> list[dict]:
        return [asdict(entry) for entry in self.toc]

    @property
    def missing_toc_entries(self) -> list[TocEntry]:
        """目录 items the text does not contain (pages lost in conversion, or a misread title)."""
        return [entry for entry in self.toc if entry.document is None]
