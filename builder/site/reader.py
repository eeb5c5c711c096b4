"""What a reader needs around a document's text: where it stands in print, how to cite it, a
title that says whose it is, and whether it is still in force.

    printed pages    builder.site.printed
    citation         《东胜区人民政府公报》2023年第7-9期合刊 第28–52页, and a line ready to copy
    display title    `DocumentEntry.display_title`: a generic title (builder.site.printed) gets its
                     issue: 政府工作报告（克什克腾旗人民政府公报 2025年第1期）; the model's title stays
    in force         lapsed when `Validity.valid_until` is before the build date
"""

from __future__ import annotations

import datetime
import os
from urllib.parse import unquote

from builder.site.library import DocumentEntry, IssueEntry


def gazette_name(issue: IssueEntry) -> str:
    return issue.issue.gazette_title or f"{issue.publisher.name}公报"


def where_printed(entry: DocumentEntry) -> str:
    """刊登于《东胜区人民政府公报》2023年第7-9期合刊 第28–52页 (without pages when unknown)."""
    issue = entry.issue
    label = issue.issue.issue_label or issue.short_title
    pages = f" {entry.pages}" if entry.pages else ""
    return f"《{gazette_name(issue)}》{label}{pages}"


def citation_line(entry: DocumentEntry, url: str | None = None) -> str:
    """A line to paste into a footnote: issuer, title, 文号, date, where printed, address."""
    document = entry.document
    parts = []
    if document.issuers and not document.title.startswith(document.issuers[0]):
        parts.append("、".join(document.issuers) + "：")
    parts.append("《" + entry.toc_title.replace("《", "〈").replace("》", "〉") + "》")  # 〈〉 inside 《》
    if document.doc_number:
        parts.append(f"（{document.doc_number}）")
    if document.date:
        parts.append(f"，{cn_date(document.date)}")
    parts.append(f"，载{where_printed(entry)}")
    if url:
        parts.append(f"，{unquote(url)}")  # the address as a reader reads it (东政办发-2023-33, not %E4…)
    return "".join(parts) + "。"


def build_date() -> datetime.date:
    """The day the site is built: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def has_lapsed(entry: DocumentEntry, today: datetime.date) -> bool | None:
    """True when the term the text states ended before `today`; None when it states none."""
    validity = entry.document.validity
    if validity is None or validity.valid_until is None:
        return None
    return datetime.date.fromisoformat(validity.valid_until) < today


def cn_date(value: str | None) -> str:
    """2023-07-17 -> 2023年7月17日 (anything else unchanged, None -> '')."""
    if not value:
        return ""
    try:
        year, month, day = (int(part) for part in value.split("-"))
    except ValueError:
        return value
    return f"{year}年{month}月{day}日"
