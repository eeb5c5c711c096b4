"""What is in force: the effects read from the texts, applied to the archive, and each document's status.

An `Effect` (builder.model) names its target as the text does; here it is found in the library:
by 文号 first, by title (patterns.title_key, the document's own title or a plan it issued) where
the 文号 is missing, garbled or not in the archive, and otherwise on the cited 文号's own page
(builder.site.citations.CitedNumber), where it stays. Each document then has the effects it
makes (`made`) and the effects made on it (`received`), both linked.

A status depends on the day it is asked: `status_on` works it out for a day from dates only
(the acting documents' dates, the 施行日期 and the end of a 有效期), and `status_data` hands the
same dates to the browser, which works it out again on the day the page is read
(assets/javascripts/status.js). The page states the build date beside the status it prints.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from builder.model import Effect, EffectKind
from builder.patterns.kinds import title_key
from builder.site.citations import CitationIndex, CitedNumber
from builder.site.library import DocumentEntry, Library


class Status(StrEnum):
    """A document's status on a day, in the words of the national databases."""

    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REPEALED = "已废止"
    INVALIDATED = "已失效"
    EXPIRED = "已过有效期"
    NOT_YET = "尚未施行"


#: the status an effect leaves its target in, once it takes hold
ENDING = {EffectKind.REPEALS: Status.REPEALED, EffectKind.INVALIDATES: Status.INVALIDATED}
#: schema.org LegalForceStatus of each status
LEGAL_FORCE = {
    Status.IN_FORCE: "https://schema.org/InForce",
    Status.AMENDED: "https://schema.org/InForce",
    Status.REPEALED: "https://schema.org/NotInForce",
    Status.INVALIDATED: "https://schema.org/NotInForce",
    Status.EXPIRED: "https://schema.org/NotInForce",
    Status.NOT_YET: "https://schema.org/NotInForce",
}
#: a title names a document anywhere in the archive from this length (as citations do)
MIN_TITLE = 8


@dataclass(eq=False)
class AppliedEffect:
    """An effect with its acting document and its target found: an archive document, a cited
    文号's page, or neither (named only by a title the archive does not hold)."""

    effect: Effect
    acting: DocumentEntry
    target: DocumentEntry | None = None
    external: CitedNumber | None = None

    @property
    def kind(self) -> EffectKind:
        return self.effect.kind

    @property
    def date(self) -> str | None:
        return self.effect.date

    @property
    def target_label(self) -> str:
        if self.target is not None:
            return self.target.document.title
        return self.effect.target_title or (str(self.effect.target_number) if self.effect.target_number else "")

    @property
    def target_url(self) -> str | None:
        if self.target is not None:
            return self.target.url
        return self.external.url if self.external is not None else None


def apply_effects(library: Library, citations: CitationIndex) -> None:
    """Find every effect's target; fill each document's `effects_made` and the targets'
    `effects_received` (archive documents and cited 文号 pages), oldest effect first."""
    titles = _titles(library)
    for acting in library.documents_oldest_first:
        acting.effects_made = [_find(effect, acting, library, citations, titles) for effect in acting.document.effects]
        for applied in acting.effects_made:
            target = applied.target or applied.external
            if target is not None and not applied.effect.rejected:
                target.effects_received.append(applied)
    received: list[list[AppliedEffect]] = [entry.effects_received for entry in library.documents]
    received += [cited.effects_received for cited in citations.external.values()]
    for effects in received:
        effects.sort(key=lambda applied: applied.date or "")


def _titles(library: Library) -> dict[str, list[DocumentEntry]]:
    """title key -> the documents with that title, or issuing a plan with that title."""
    titles: dict[str, list[DocumentEntry]] = {}
    for entry in library.documents_oldest_first:
        for title in {title_key(t) for t in [entry.document.title, *entry.document.attachments]}:
            titles.setdefault(title, []).append(entry)
    return titles


def _by_title(title: str | None, acting: DocumentEntry, titles: dict[str, list[DocumentEntry]]) -> DocumentEntry | None:
    if not title or len(title_key(title)) < MIN_TITLE:
        return None
    found = [entry for entry in titles.get(title_key(title), []) if entry is not acting]
    return found[0] if len(found) == 1 else None


def _find(
    effect: Effect,
    acting: DocumentEntry,
    library: Library,
    citations: CitationIndex,
    titles: dict[str, list[DocumentEntry]],
) -> AppliedEffect:
    """The target of `effect`: its 文号's document, else its title's, else its cited 文号's page."""
    applied = AppliedEffect(effect, acting)
    number = effect.target_number
    owner = library.owner(number) if number is not None else None
    if owner is not None and owner is not acting:
        applied.target = owner
    elif (by_title := _by_title(effect.target_title, acting, titles)) is not None:
        applied.target = by_title
    elif number is not None:
        applied.external = citations.cited_page(number, effect.target_title)
    return applied


def ending_effect(entry: DocumentEntry | CitedNumber, day: datetime.date) -> AppliedEffect | None:
    """The first repeal or invalidation of `entry` that has taken hold by `day`."""
    for applied in entry.effects_received:
        if applied.kind in ENDING and (applied.date is None or applied.date <= day.isoformat()):
            return applied
    return None


def has_status(entry: DocumentEntry) -> bool:
    """A status applies to a document with a 文号, a stated term or start, or an effect on it;
    not to a 大事记, a meeting or a report (nothing about them is in or out of force)."""
    document = entry.document
    return document.doc_number is not None or document.validity is not None or bool(entry.effects_received)


def status_on(entry: DocumentEntry, day: datetime.date) -> Status:
    """The status of `entry` on `day`, from dates only (status.js does the same in the browser)."""
    if (ending := ending_effect(entry, day)) is not None:
        return ENDING[ending.kind]
    validity = entry.document.validity
    iso = day.isoformat()
    if validity is not None and validity.effective and validity.effective > iso:
        return Status.NOT_YET
    if validity is not None and validity.valid_until and validity.valid_until < iso:
        return Status.EXPIRED
    if any(a.kind == EffectKind.AMENDS and (a.date or "") <= iso for a in entry.effects_received):
        return Status.AMENDED
    return Status.IN_FORCE


def status_data(entry: DocumentEntry) -> dict:
    """The dates a status is worked out from, for the page (data-gb-status) and documents.json."""
    validity = entry.document.validity
    return {
        "effective": validity.effective if validity else None,
        "valid_until": validity.valid_until if validity else None,
        "events": [{"date": applied.date, "effect": applied.kind.value} for applied in entry.effects_received],
    }
