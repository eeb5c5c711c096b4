"""Effects read from the texts: what a document repeals, invalidates or amends.

Runs after `parse.validity` (an effect takes the acting document's 施行日期). Expects each
document's blocks, title, 成文日期 and validity; guarantees `Document.effects` lists, in text
order and once per target, the effects the document's own words state:

    listed        in a repeal decision (its title says 废止 / 宣布失效): the items of numbered
                  lists and the rows of 序号 / 文件名称 / 文号 tables, each under the effect its
                  nearest heading, 附件 title or lead-in names (决定废止的 / 宣布失效的); items
                  under 继续有效 or under a heading that names neither are not effects
    replacement   原《…》（文号）同时废止 / 停止执行 / 不再执行, and 《…》（文号）同时废止 without 原,
                  in any document
    amendment     关于修改《…》的决定: the quoted document, with the 文号 the body gives it

A mention is not an effect (根据《…》（文号）, 按照…要求): only the forms above are read. A
general rule without a target (与本办法不一致的，以本办法为准) has no title or 文号 to act on.
"""

from __future__ import annotations

from builder.model import Block, BlockKind, DocNumber, Document, Effect, EffectKind, EffectSource
from builder.patterns.docnumber import parse_doc_number
from builder.patterns.effects import (
    AMENDMENT_BODY,
    AMENDMENT_TITLE,
    BRACKETED_NUMBER,
    CLAUSE_TITLE,
    INVALIDATE_WORD,
    LIST_ITEM,
    LIST_SENTENCE,
    NUMBER_COLUMN,
    REPEAL_DECISION_TITLE,
    REPEAL_WORD,
    REPLACED_WITH_THIS,
    REPLACEMENT_CLAUSE,
    TITLE_COLUMN,
    WHITESPACE,
)
from builder.patterns.kinds import title_key

#: blocks whose words set the effect of the list items after them
_LIST_HEADS = (BlockKind.HEADING, BlockKind.ATTACHMENT_TITLE, BlockKind.ATTACHMENT_LABEL, BlockKind.SUBTITLE)
#: items end with these, which are not part of a title
_ITEM_END = "；;。，,、 "


def effect_date(document: Document) -> str | None:
    """When the document's effects take hold: its 施行日期, else its 成文日期."""
    if document.validity is not None and document.validity.effective:
        return document.validity.effective
    return document.date


def kind_named(text: str) -> EffectKind | None:
    """The effect a heading or lead-in names: 废止 or 失效, None when it names both or neither."""
    repeal, invalidate = REPEAL_WORD.search(text), INVALIDATE_WORD.search(text)
    if repeal and not invalidate:
        return EffectKind.REPEALS
    if invalidate and not repeal:
        return EffectKind.INVALIDATES
    return None


def target_of(text: str) -> tuple[DocNumber | None, str | None]:
    """The 文号 and title an item of a list names: 《title》（文号）, title（文号）, or either alone."""
    number_match = BRACKETED_NUMBER.search(text)
    number = parse_doc_number(number_match["number"]) if number_match else parse_doc_number(text)
    quoted = CLAUSE_TITLE.search(text)
    if quoted is not None:
        return number, quoted["title"].strip()
    title = text[: number_match.start()] if number_match else text
    if number is not None and number_match is None:
        title = title.replace(number.raw, "")
    title = title.strip(_ITEM_END)
    return number, (title if len(title) >= 4 else None)


def _item_effect(text: str, kind: EffectKind, source: EffectSource, block: Block, date: str | None) -> Effect | None:
    number, title = target_of(text)
    if number is None and title is None:
        return None
    return Effect(kind, source, number, title, date, block.start_line, text.strip())


def _table_effects(block: Block, kind: EffectKind | None, date: str | None) -> list[Effect]:
    """The rows of a 序号 / 文件名称 / 文号 table; a 处理意见 column (废止 / 失效) names each row's effect."""
    effects: list[Effect] = []
    header = next((i for i, row in enumerate(block.rows) if any(TITLE_COLUMN.search(c) for c in row)), None)
    if header is None:
        return effects
    columns = [WHITESPACE.sub("", cell) for cell in block.rows[header]]
    title_at = next(i for i, cell in enumerate(columns) if TITLE_COLUMN.search(cell))
    number_at = next((i for i, cell in enumerate(columns) if NUMBER_COLUMN.match(cell)), None)
    verdict_at = next(
        (
            i
            for i, cell in enumerate(columns)
            if i != title_at and kind_named(cell) is None and ("处理" in cell or "意见" in cell or "结果" in cell)
        ),
        None,
    )
    for row in block.rows[header + 1 :]:
        if title_at >= len(row):
            continue
        row_kind = kind_named(row[verdict_at]) if verdict_at is not None and verdict_at < len(row) else kind
        if row_kind is None:
            continue
        title = WHITESPACE.sub("", row[title_at]).strip(_ITEM_END)
        cell = WHITESPACE.sub("", row[number_at]) if number_at is not None and number_at < len(row) else ""
        number = parse_doc_number(cell) if cell else None
        if number is None and title:
            number, _ = target_of(title)
        quoted = CLAUSE_TITLE.search(title)
        title = quoted["title"] if quoted else title
        if number is None and len(title) < 4:
            continue
        text = "｜".join(cell.strip() for cell in row)
        effects.append(Effect(row_kind, EffectSource.TABLE, number, title or None, date, block.start_line, text))
    return effects


def listed_effects(document: Document, date: str | None) -> list[Effect]:
    """The items of a repeal decision's lists and tables, each under the effect last named."""
    kind = kind_named(document.title)
    effects: list[Effect] = []
    for block in document.blocks:
        if block.kind == BlockKind.TABLE:
            effects += _table_effects(block, kind, date)
            continue
        for text in [block.text] if block.text else block.lines:
            item = LIST_ITEM.match(WHITESPACE.sub("", text))
            if item is not None and LIST_SENTENCE.search(item["item"]):
                continue  # 一、根据《…》（文号）…: a sentence of the decision, mentions only
            if item is not None and (BRACKETED_NUMBER.search(item["item"]) or CLAUSE_TITLE.search(item["item"])):
                if kind is not None and (effect := _item_effect(item["item"], kind, EffectSource.LIST, block, date)):
                    effects.append(effect)
            elif block.kind in _LIST_HEADS or item is not None:
                kind = kind_named(text)  # a heading names the effect of what follows, or none
            elif (named := kind_named(text)) is not None:
                kind = named  # a lead-in: 现决定对以下文件予以废止：
    return effects


def replacement_effects(document: Document, date: str | None) -> list[Effect]:
    """原《…》（文号）同时废止 / 停止执行 / 不再执行: every document quoted in the clause."""
    effects: list[Effect] = []
    for block in document.blocks:
        for text in block.texts():
            flat = WHITESPACE.sub("", text)
            clauses = [*REPLACEMENT_CLAUSE.finditer(flat), *REPLACED_WITH_THIS.finditer(flat)]
            for clause in sorted(clauses, key=lambda match: match.start()):
                kind = EffectKind.REPEALS if "废止" in clause["verb"] else EffectKind.INVALIDATES
                body = clause["clause"]
                for quoted in CLAUSE_TITLE.finditer(body):
                    after = body[quoted.end() :]
                    number_match = BRACKETED_NUMBER.match(after)
                    number = parse_doc_number(number_match["number"]) if number_match else None
                    effects.append(
                        Effect(
                            kind,
                            EffectSource.REPLACEMENT,
                            number,
                            quoted["title"],
                            date,
                            block.start_line,
                            clause.group(0),
                        )
                    )
    return effects


def amendment_effects(document: Document, date: str | None) -> list[Effect]:
    """关于修改《…》的决定: each quoted document, with the 文号 the body gives it."""
    heading = AMENDMENT_TITLE.search(WHITESPACE.sub("", document.title))
    if heading is None:
        return []
    body = "\n".join(WHITESPACE.sub("", text) for block in document.blocks for text in block.texts())
    line = document.blocks[0].start_line if document.blocks else document.start_line
    effects = []
    for quoted in CLAUSE_TITLE.finditer(heading["targets"]):
        key = title_key(quoted["title"])
        number = None
        for named in AMENDMENT_BODY.finditer(body):
            if title_key(named["title"]) == key and named["number"]:
                number = parse_doc_number(named["number"])
                break
        if number is None:
            for cited in CLAUSE_TITLE.finditer(body):
                after = BRACKETED_NUMBER.match(body[cited.end() :])
                if title_key(cited["title"]) == key and after is not None:
                    number = parse_doc_number(after["number"])
                    break
        effects.append(
            Effect(EffectKind.AMENDS, EffectSource.AMENDMENT, number, quoted["title"], date, line, heading.group(0))
        )
    return effects


def _target_key(effect: Effect) -> str:
    if effect.target_number is not None:
        return effect.target_number.normalized
    return title_key(effect.target_title or "")


def document_effects(document: Document) -> list[Effect]:
    """Every effect the document's words state, once per target (the first reading wins)."""
    date = effect_date(document)
    found: list[Effect] = []
    if REPEAL_DECISION_TITLE.search(document.title) and not AMENDMENT_TITLE.search(document.title):
        found += listed_effects(document, date)
    found += amendment_effects(document, date)
    found += replacement_effects(document, date)
    own = document.doc_number.normalized if document.doc_number else None
    effects, seen = [], set()
    for effect in found:
        key = _target_key(effect)
        if key in seen or (own is not None and key == own):
            continue
        seen.add(key)
        effects.append(effect)
    return effects


def add_effects(documents: list[Document]) -> None:
    """Pipeline stage: fill in each document's `effects`."""
    for document in documents:
        document.effects = document_effects(document)
