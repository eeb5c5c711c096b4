"""A register per publisher (行政规范性文件目录 / 现行有效文件目录): every document a status applies
to, with its dates and what changed it, as a page (filtered in the browser by status, year and
issuer; assets/javascripts/register.js) and as CSV and JSON downloads.

The downloads state the status as of the build date in a column named for it; the dates the
status is worked out from are beside it, so a reader can work it out again for any day.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass

from builder.site.effects import Status, has_status, status_data, status_on
from builder.site.feeds import absolute
from builder.site.library import DocumentEntry, PublisherEntry

#: the columns of the CSV download, in order (the JSON records use the same keys)
COLUMNS = (
    "title",
    "doc_number",
    "issuers",
    "date",
    "year",
    "effective",
    "valid_until",
    "status",
    "status_as_of",
    "changed_by",
    "html_url",
)


@dataclass
class RegisterRow:
    entry: DocumentEntry
    status: Status  # on the build date

    @property
    def year(self) -> int | None:
        date = self.entry.document.date
        return int(date[:4]) if date else self.entry.issue.issue.year

    @property
    def issuer(self) -> str:
        return self.entry.document.issuers[0] if self.entry.document.issuers else ""

    def record(self, site_url: str | None, day: datetime.date) -> dict:
        document, dates = self.entry.document, status_data(self.entry)
        return {
            "title": document.title,
            "doc_number": str(document.doc_number) if document.doc_number else None,
            "issuers": list(document.issuers),
            "date": document.date,
            "year": self.year,
            "effective": dates["effective"],
            "valid_until": dates["valid_until"],
            "status": self.status.value,
            "status_as_of": day.isoformat(),
            "changed_by": [
                {
                    "effect": applied.kind.value,
                    "date": applied.date,
                    "doc_number": str(applied.acting.document.doc_number)
                    if applied.acting.document.doc_number
                    else None,
                    "html_url": absolute(site_url, applied.acting.url),
                }
                for applied in self.entry.effects_received
            ],
            "html_url": absolute(site_url, self.entry.url),
        }


def register_rows(publisher: PublisherEntry, day: datetime.date) -> list[RegisterRow]:
    """The publisher's documents a status applies to, newest 成文日期 first."""
    entries = [entry for issue in publisher.issues for entry in issue.documents if has_status(entry)]
    entries.sort(key=lambda entry: entry.document.date or "", reverse=True)
    return [RegisterRow(entry, status_on(entry, day)) for entry in entries]


def register_json(rows: list[RegisterRow], site_url: str | None, day: datetime.date) -> str:
    results = [row.record(site_url, day) for row in rows]
    return json.dumps({"count": len(results), "results": results}, ensure_ascii=False, indent=1) + "\n"


def register_csv(rows: list[RegisterRow], site_url: str | None, day: datetime.date) -> str:
    """UTF-8 with a byte order mark, so that spreadsheet programs read the Chinese text as such."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        record = row.record(site_url, day)
        record["issuers"] = "、".join(record["issuers"])
        record["changed_by"] = "；".join(
            f"{change['date'] or ''} {change['effect']} {change['doc_number'] or change['html_url']}".strip()
            for change in record["changed_by"]
        )
        writer.writerow(["" if record[column] is None else record[column] for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
