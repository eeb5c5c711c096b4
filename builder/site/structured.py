"""schema.org `Legislation` JSON-LD for a document page: what search engines and harvesters read.

    legislationIdentifier   the 文号
    legislationDate         the 成文日期
    legislationPassedBy     the issuers, as GovernmentOrganization
    legislationLegalForce   InForce / NotInForce on the build date (only where a status applies;
                            the page states that date beside the status it prints)
    legislationChanges      the documents it repeals, invalidates or amends
    expires                 the end of a stated 有效期

`legislationConsolidates` does not apply: the archive publishes the texts as printed, never a
consolidated text that takes amendments into account.
"""

from __future__ import annotations

import datetime
import json

from builder.site.effects import LEGAL_FORCE, has_status, status_on
from builder.site.feeds import absolute
from builder.site.library import DocumentEntry

SCHEMA = "https://schema.org"


def legislation(entry: DocumentEntry, site_url: str | None, day: datetime.date) -> dict:
    """The `Legislation` object of a document page; URLs absolute when `site_url` is set."""
    document = entry.document
    url = absolute(site_url, entry.url)
    data: dict = {
        "@context": SCHEMA,
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": document.title,
        "inLanguage": "zh-CN",
        "isPartOf": {
            "@type": "PublicationIssue",
            "name": entry.issue.title,
            "url": absolute(site_url, entry.issue.url),
        },
    }
    if document.doc_number is not None:
        data["legislationIdentifier"] = document.doc_number.normalized
    if document.date:
        data["legislationDate"] = document.date
    if document.kind:
        data["legislationType"] = document.kind
    if entry.issue.issue.date:
        data["datePublished"] = entry.issue.issue.date
    if document.issuers:
        data["legislationPassedBy"] = [{"@type": "GovernmentOrganization", "name": name} for name in document.issuers]
    if has_status(entry):
        data["legislationLegalForce"] = LEGAL_FORCE[status_on(entry, day)]
    if document.validity is not None and document.validity.valid_until:
        data["expires"] = document.validity.valid_until
    changes = []
    for applied in entry.effects_made:
        if applied.effect.rejected:
            continue
        change: dict = {"@type": "Legislation", "name": applied.target_label}
        if applied.target_url:
            change["url"] = absolute(site_url, applied.target_url)
        number = applied.target.document.doc_number if applied.target else applied.effect.target_number
        if number is not None:
            change["legislationIdentifier"] = number.normalized
        changes.append(change)
    if changes:
        data["legislationChanges"] = changes
    return data


def legislation_script(entry: DocumentEntry, site_url: str | None, day: datetime.date) -> str:
    """The JSON-LD as the body of a <script> element: `<` written as \\u003c, so no text from a
    raw issue can close the element."""
    return json.dumps(legislation(entry, site_url, day), ensure_ascii=False).replace("<", "\\u003c")
