"""Machine-readable views of the library: documents.json, the 文号 lookup table, the Atom feed.

documents.json follows the spirit of the Federal Register API: `{"count": N, "results": [...]}`,
one flat record per document with its metadata, its issue, and absolute URLs when `site_url`
is set (site-relative paths otherwise).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from builder.content.revisions import fingerprint
from builder.patterns.characters import CONTROL_CHARACTER
from builder.site.citations import CitedNumber
from builder.site.departments import DepartmentRegistry
from builder.site.effects import AppliedEffect
from builder.site.library import DocumentEntry, IssueEntry, Library
from builder.site.reader import citation_line, where_printed

ATOM = "http://www.w3.org/2005/Atom"


def absolute(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def validity_record(entry: DocumentEntry) -> dict | None:
    """施行日期 and 有效期 as the text states them: dates, not a status (that depends on the day
    it is read; builder.site.effects.status_on works it out from these)."""
    validity = entry.document.validity
    if validity is None:
        return None
    return {
        "effective": validity.effective,
        "effective_text": validity.effective_text,
        "valid_until": validity.valid_until,
        "term_text": validity.term_text,
        "review_text": validity.review_text,
    }


def effect_record(applied: AppliedEffect, site_url: str | None) -> dict:
    """One effect, with its acting document and its target (URL None: not found anywhere)."""
    record = applied.effect.record()
    record["acting"] = {
        "doc_number": str(applied.acting.document.doc_number) if applied.acting.document.doc_number else None,
        "title": applied.acting.document.title,
        "html_url": absolute(site_url, applied.acting.url),
    }
    url = applied.target_url
    record["target"] = {
        "title": applied.target_label,
        "in_archive": applied.target is not None,
        "html_url": absolute(site_url, url) if url else None,
    }
    return record


def document_record(entry: DocumentEntry, site_url: str | None) -> dict:
    document, issue = entry.document, entry.issue
    record = document.metadata()
    record["html_url"] = absolute(site_url, entry.url)
    record["markdown_url"] = absolute(site_url, entry.markdown_url)
    record["issue"] = {
        "title": issue.title,
        "publisher": issue.issue.publisher or issue.publisher.name,
        "year": issue.issue.year,
        "issue_label": issue.issue.issue_label,
        "issue_numbers": issue.issue.issue_numbers,
        "total_number": issue.issue.total_number,
        "date": issue.issue.date,
        "html_url": absolute(site_url, issue.url),
    }
    record["issue"]["key"] = issue.key
    record["position"] = entry.position + 1
    record["display_title"] = entry.display_title
    record["published"] = issue.issue.date  # 发布日期: the issue's date
    record["pages"] = entry.pages.as_list() if entry.pages else None  # printed pages; last None: open-ended
    record["printed_in"] = where_printed(entry)
    record["citation"] = citation_line(entry, record["html_url"] if site_url else None)
    record["validity"] = validity_record(entry)
    record["effects"] = [effect_record(applied, site_url) for applied in entry.effects_made]
    record["effected_by"] = [effect_record(applied, site_url) for applied in entry.effects_received]
    record["interprets"] = absolute(site_url, entry.interprets.url) if entry.interprets else None
    record["interpretations"] = [absolute(site_url, d.url) for d in entry.interpretations]
    record.update(revision_fields(entry, site_url))
    record["cites"] = [
        {"doc_number": c.number, "title": c.label, "in_archive": c.in_archive, "html_url": absolute(site_url, c.url)}
        for c in entry.cites
    ]
    record["cited_by"] = [
        {
            "doc_number": str(d.document.doc_number) if d.document.doc_number else None,
            "title": d.document.title,
            "html_url": absolute(site_url, d.url),
        }
        for d in entry.cited_by
    ]
    return record


def revision_fields(entry: DocumentEntry, site_url: str | None) -> dict:
    """What the next `gongbao publish` compares (builder.publishing): the page path, the hashes
    of the text and metadata readers see, and the document's revisions so far."""
    hashes = fingerprint(entry.document, entry.issue.issue)
    revisions = []
    for revision in entry.revisions:
        data = revision.record()
        # under mike, site_url ends in this version's folder; the earlier version is its sibling
        earlier = (
            f"../{revision.previous_version}/{revision.previous_path}/" if revision.previous_href(entry.path) else None
        )
        data["previous_url"] = urljoin(absolute(site_url, ""), earlier) if earlier and site_url else earlier
        revisions.append(data)
    return {
        "path": entry.path,
        "content_hash": hashes.content_hash,
        "text_hash": hashes.text_hash,
        "revisions": revisions,
    }


def department_records(entry: DocumentEntry, departments: DepartmentRegistry, site_url: str | None) -> list[dict]:
    """The departments a document is issued by, gives a role to, or mentions."""
    return [
        {
            "name": department.name,
            "relation": relation,
            "roles": department.roles.get(entry.path, []),
            "html_url": absolute(site_url, department.url),
        }
        for department, relation in departments.relations(entry)
    ]


def documents_json(library: Library, departments: DepartmentRegistry, site_url: str | None) -> str:
    results = []
    for entry in library.documents:
        record = document_record(entry, site_url)
        record["departments"] = department_records(entry, departments, site_url)
        results.append(record)
    return json.dumps({"count": len(results), "results": results}, ensure_ascii=False, indent=1) + "\n"


def lookup_json(library: Library, cited: Iterable[CitedNumber] = ()) -> str:
    """{normalized 文号: page path}: what the lookup route resolves against. Cited 文号 outside
    the archive go to their own page."""
    table = {number: entry.url for number, entry in library.number_owners.items()}
    for number in cited:
        table.setdefault(number.number.normalized, number.url)
    return json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n"


def _timestamp(issue: IssueEntry) -> str:
    date = issue.issue.date or (f"{issue.issue.year}-01-01" if issue.issue.year else "1970-01-01")
    return datetime.date.fromisoformat(date).isoformat() + "T00:00:00Z"


def atom_feed(library: Library, site_name: str, site_url: str | None, entries: int) -> str:
    """An Atom feed of the newest `entries` issues; each entry lists the issue's documents."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    issues = library.issues[:entries]
    ET.SubElement(feed, f"{{{ATOM}}}title").text = site_name
    ET.SubElement(feed, f"{{{ATOM}}}id").text = absolute(site_url, "") or "urn:gongbao:feed"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max(
        (_timestamp(i) for i in issues), default="1970-01-01T00:00:00Z"
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=absolute(site_url, "feed.xml"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=absolute(site_url, ""))
    for issue in issues:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = issue.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = absolute(site_url, issue.url)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(issue)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=absolute(site_url, issue.url))
        author = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = issue.issue.publisher or issue.publisher.name
        titles = "\n".join(
            entry.display_title + (f"（{entry.document.doc_number}）" if entry.document.doc_number else "")
            for entry in issue.documents
        )
        ET.SubElement(item, f"{{{ATOM}}}summary").text = titles
    ET.indent(feed)
    # the parser drops control characters from raw text, but a sidecar may write one ("\e" in YAML):
    # XML 1.0 has no way to carry them, and ElementTree writes them raw
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + CONTROL_CHARACTER.sub("", ET.tostring(feed, encoding="unicode"))
        + "\n"
    )
