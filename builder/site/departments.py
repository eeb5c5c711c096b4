"""Departments of each publisher: a registry built from issuers, signatures and the text.

A department is named in many ways: 区住建局, 区住房和城乡建设局, 东胜区住房和城乡建设局,
鄂尔多斯市东胜区住房和城乡建设局. All of them have one key: the name without its place
(鄂尔多斯市东胜区 / 东胜区 / 区), abbreviations written out (住建 -> 住房和城乡建设) and short
suffixes completed (委 -> 委员会, 办 -> 办公室, 政府 -> 人民政府). What the rules miss, an editor
merges in `content/<publisher>/departments.yml`:

    aliases:
      区教体局: 区教育和体育局      # alias: the name it stands for

Only names built on a known department word (builder.patterns.DEPARTMENT_WORDS) are taken
from running text; issuers are always departments.

The registry is complete when it is built: every name in every document, and in every text a
page links (`builder.render.linked_texts`), is registered then; pages only look names up.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from builder.content.aliases import ALIAS_FILE, read_alias_file
from builder.errors import GongbaoError
from builder.model import Block, BlockKind
from builder.patterns import (
    DEPARTMENT_ABBREVIATION,
    DEPARTMENT_ABBREVIATIONS,
    DEPARTMENT_DUTY_AFTER,
    DEPARTMENT_DUTY_BEFORE,
    DEPARTMENT_JOINER,
    DEPARTMENT_NOT_AFTER,
    DEPARTMENT_NOT_IN_NAME,
    DEPARTMENT_OFFICE_BEFORE,
    DEPARTMENT_ROLE,
    DEPARTMENT_ROLE_AFTER,
    DEPARTMENT_SUFFIX,
    DEPARTMENT_WORDS,
    HAN,
    PLACE_WORD_AFTER,
    PLACE_WORD_BEFORE,
)
from builder.render import linked_texts
from builder.site.library import (
    DEPARTMENTS_ROOT,
    DocumentEntry,
    Library,
    PagePath,
    PublisherEntry,
)
from builder.site.permalinks import title_slug
from builder.site.printed import place_name

log = logging.getLogger("mkdocs.plugins.gongbao")

ISSUED, ROLE, MENTIONED = "issued", "role", "mentioned"


class Role(str, Enum):
    """What a document gives a department to do."""

    LEAD = "牵头单位"  # 牵头单位：…, 由…牵头, a 牵头 column
    RESPONSIBLE = "责任单位"  # 责任单位：…, …负责, a duty list item (3.区卫健委。…), a 责任 column
    SUPPORT = "配合单位"  # 配合单位：…, …配合, a 配合 column
    ORGANIZER = "承办单位"  # 承办单位：…, …承办, a 承办 column
    MEMBER = "成员单位"
    OFFICE = "办公室所在单位"  # 办公室设在区卫健委

    def __str__(self) -> str:
        return self.value


#: the word of a role label or table column that names the role (牵头部门, 牵头编制部门, 责任单位 …)
ROLE_WORDS = {
    "牵头": Role.LEAD,
    "责任": Role.RESPONSIBLE,
    "配合": Role.SUPPORT,
    "承办": Role.ORGANIZER,
    "成员": Role.MEMBER,
}
#: the role each verb after a run of names gives it (DEPARTMENT_ROLE_AFTER's groups)
VERB_ROLES = {"lead": Role.LEAD, "responsible": Role.RESPONSIBLE, "support": Role.SUPPORT, "organizer": Role.ORGANIZER}


@dataclass(eq=False)  # compared by identity
class Department(PagePath):
    key: str
    name: str  # display name: the place, then the key (东胜区住房和城乡建设局)
    publisher: PublisherEntry
    path: str
    spellings: set[str] = field(default_factory=set)
    issued: list[DocumentEntry] = field(default_factory=list)
    roles: dict[str, list[Role]] = field(default_factory=dict)  # document path -> roles
    role_documents: list[DocumentEntry] = field(default_factory=list)
    mentioned: list[DocumentEntry] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return len({d.path for d in self.issued + self.role_documents + self.mentioned})


class PlaceNames:
    """How a publisher's place is written: 东胜区 (full), 区 (short), with an optional city before."""

    def __init__(self, publisher_name: str):
        self.full = place_name(publisher_name)
        self.short = self.full[-1] if self.full[-1] in "区旗县市盟" else None
        long_form = rf"(?:中共)?(?:[{HAN}]{{2,5}}[市盟])?{re.escape(self.full)}"
        short_form = (
            rf"(?<![{''.join(PLACE_WORD_BEFORE)}]){re.escape(self.short)}(?![{''.join(PLACE_WORD_AFTER)}])"
            if self.short
            else None
        )
        place = f"(?:{long_form}|{short_form})" if short_form else long_form
        self.pattern = re.compile(
            rf"(?P<place>{place})(?P<name>[{HAN}]{{0,14}}?(?:{DEPARTMENT_SUFFIX})){DEPARTMENT_NOT_AFTER}"
        )

    def bare(self, name: str) -> str:
        """The name without its place: 鄂尔多斯市东胜区财政局, 东胜区财政局, 区财政局 -> 财政局."""
        stripped = re.sub(rf"^(?:中共)?(?:[{HAN}]{{2,5}}[市盟])?{re.escape(self.full)}", "", name)
        if stripped == name and self.short and name.startswith(self.short):
            stripped = name[len(self.short) :]
        return stripped


def department_key(name: str) -> str:
    """区住建局 -> 住房和城乡建设局 (place already stripped by the caller)."""
    key = DEPARTMENT_ABBREVIATION.sub(lambda m: DEPARTMENT_ABBREVIATIONS[m.group(0)], name)
    key = re.sub(r"(?<!人民)政府", "人民政府", key)
    key = re.sub(r"(?<=.)委$", "委员会", key)
    key = re.sub(r"办$", "办公室", key)
    return key


def _is_department(name: str) -> bool:
    return not DEPARTMENT_NOT_IN_NAME.search(name) and any(word in name for word in DEPARTMENT_WORDS)


class DepartmentRegistry:
    """Every publisher's departments, and where each document names them."""

    def __init__(self, library: Library, content_dir: Path | None = None):
        self.by_publisher: dict[str, dict[str, Department]] = {}
        self._aliases: dict[str, dict[str, str]] = {}
        self._places: dict[str, PlaceNames] = {}
        self._relations: dict[int, list[tuple[Department, str]]] | None = None
        for publisher in library.publishers:
            self.by_publisher[publisher.folder] = {}
            self._places[publisher.folder] = PlaceNames(publisher.name)
            self._aliases[publisher.folder] = self._load_aliases(publisher, content_dir)
        for entry in library.documents:
            self._collect(entry)
        for entry in library.documents:  # a page links names in pieces of the text (outside bold labels)
            for text in linked_texts(entry.document):
                for _, _, spelling in self.names_in(entry.issue.publisher, text):
                    self._register(entry.issue.publisher, spelling)

    def departments(self, publisher: PublisherEntry) -> list[Department]:
        return sorted(self.by_publisher[publisher.folder].values(), key=lambda d: (-d.document_count, d.key))

    def names_for(self, entry: DocumentEntry) -> list[str]:
        """The departments that issued a document or have a role in it (for search filters)."""
        return [department.name for department, relation in self.relations(entry) if relation != MENTIONED]

    def relations(self, entry: DocumentEntry) -> list[tuple[Department, str]]:
        """Each department that issued the document, gives a role in it or mentions it, with
        that relation (issued, role, mentioned: the first that holds), in registry order."""
        if self._relations is None:
            self._relations = {}
            for publisher in self.by_publisher:
                for department in sorted(
                    self.by_publisher[publisher].values(), key=lambda d: (-d.document_count, d.key)
                ):
                    seen: set[int] = set()
                    for relation, entries in (
                        (ISSUED, department.issued),
                        (ROLE, department.role_documents),
                        (MENTIONED, department.mentioned),
                    ):
                        for document in entries:
                            if id(document) not in seen:
                                seen.add(id(document))
                                self._relations.setdefault(id(document), []).append((department, relation))
        return self._relations.get(id(entry), [])

    # --- names --------------------------------------------------------------------------------

    def names_in(self, publisher: PublisherEntry, text: str) -> list[tuple[int, int, str]]:
        """Department names in `text` as written there: (start, end, spelling)."""
        places = self._places[publisher.folder]
        return [
            (match.start(), match.end(), match.group(0))
            for match in places.pattern.finditer(text)
            if _is_department(match["name"])
        ]

    def mentions(self, publisher: PublisherEntry, text: str) -> list[tuple[int, int, Department]]:
        """The departments `text` names: (start, end, department). A name the registry does not
        know is left out (none is, in a text of the library it was built from)."""
        found = []
        for start, end, spelling in self.names_in(publisher, text):
            if (department := self.find(publisher, spelling)) is not None:
                found.append((start, end, department))
        return found

    def find(self, publisher: PublisherEntry, spelling: str) -> Department | None:
        """The department a spelling names, if the registry has it."""
        return self.by_publisher[publisher.folder].get(self._key(publisher, spelling))

    def _key(self, publisher: PublisherEntry, spelling: str) -> str:
        bare = self._places[publisher.folder].bare(spelling)
        key = department_key(bare) or spelling
        return self._aliases[publisher.folder].get(key, key)

    def _register(self, publisher: PublisherEntry, spelling: str) -> Department:
        places = self._places[publisher.folder]
        key = self._key(publisher, spelling)
        registry = self.by_publisher[publisher.folder]
        department = registry.get(key)
        if department is None:
            # a name with the place in it gets the place back in front; any other (an issuer
            # from elsewhere) is shown as written
            name = places.full + key if places.bare(spelling) != spelling else spelling
            path = f"{publisher.folder}/{DEPARTMENTS_ROOT}/{title_slug(key)}"
            department = registry[key] = Department(key, name, publisher, path)
        department.spellings.add(spelling)
        return department

    def _register_names(self, publisher: PublisherEntry, text: str) -> list[tuple[int, int, Department]]:
        return [
            (start, end, self._register(publisher, spelling)) for start, end, spelling in self.names_in(publisher, text)
        ]

    # --- documents ----------------------------------------------------------------------------

    def _collect(self, entry: DocumentEntry) -> None:
        """Record the departments of one document: its issuers, then every name in its body
        (headings, tables and signatures included), with the role the text gives it, if any.
        Documents are collected one after another, so "already listed" is a look at the end of
        each list, not a search through it."""
        publisher = entry.issue.publisher
        for issuer in entry.document.issuers:
            _append_once(self._register(publisher, issuer).issued, entry)
        named: list[Department] = []
        for text, column_role in _department_texts(entry.document.blocks):
            for match in DEPARTMENT_ROLE.finditer(text):
                for _, _, department in self._register_names(publisher, match["names"]):
                    self._give_role(department, entry, ROLE_WORDS[match["role"][:2]])
            mentions = self._register_names(publisher, text)
            given: set[int] = set()  # departments the words give a role: it outranks the column's
            for run, role in _roles_in_runs(text, mentions):
                for department in run:
                    self._give_role(department, entry, role)
                    given.add(id(department))
            for _, _, department in mentions:
                if column_role is not None and id(department) not in given:
                    self._give_role(department, entry, column_role)
                named.append(department)
        for department in named:  # issuing or a role outranks a mention
            if not (department.issued and department.issued[-1] is entry) and not (
                department.role_documents and department.role_documents[-1] is entry
            ):
                _append_once(department.mentioned, entry)

    def _give_role(self, department: Department, entry: DocumentEntry, role: Role) -> None:
        roles = department.roles.setdefault(entry.path, [])
        if role not in roles:
            roles.append(role)
        _append_once(department.role_documents, entry)

    def _load_aliases(self, publisher: PublisherEntry, content_dir: Path | None) -> dict[str, str]:
        if content_dir is None:
            return {}
        path = content_dir / publisher.folder / ALIAS_FILE
        if not path.is_file() or path.is_symlink():  # a link: named once, by the plugin's walk
            return {}
        try:
            return read_aliases(path, publisher.name)
        except GongbaoError as error:
            # the site still builds, with the spellings unmerged; --strict fails on the error
            log.error(f"gongbao: {error} (the aliases are not applied)")
            return {}


def read_aliases(path: Path, publisher_name: str) -> dict[str, str]:
    """alias key -> canonical key, from an editor's departments.yml; `GongbaoError` naming the
    file (and line) when it is not valid."""
    places = PlaceNames(publisher_name)
    return {
        department_key(places.bare(alias)): department_key(places.bare(name))
        for alias, name in read_alias_file(path).items()
    }


def _append_once(entries: list[DocumentEntry], entry: DocumentEntry) -> None:
    if not entries or entries[-1] is not entry:
        entries.append(entry)


def _department_texts(blocks: list[Block]) -> list[tuple[str, Role | None]]:
    """Every run of body text departments are looked for in, with the role its table column
    gives (a 牵头/责任/配合 column), if any. Headings count: "3.区卫健委。负责…" is one. A table
    the page breaks cut into pieces keeps its header's roles while the width stays the same."""
    texts: list[tuple[str, Role | None]] = []
    column_roles: list[Role | None] = []
    for block in blocks:
        if block.kind == BlockKind.DOC_NUMBER:
            continue
        if block.kind != BlockKind.TABLE or not block.rows:
            texts += [(text, None) for text in block.texts()]
            continue
        rows = block.rows
        header = [next((role for word, role in ROLE_WORDS.items() if word in cell), None) for cell in rows[0]]
        if any(header):
            column_roles, rows = header, rows[1:]
            texts += [(cell, None) for cell in block.rows[0]]
        elif len(rows[0]) != len(column_roles):
            column_roles = []
        for row in rows:
            texts += [(cell, column_roles[i] if i < len(column_roles) else None) for i, cell in enumerate(row)]
    return texts


def _roles_in_runs(text: str, mentions: list[tuple[int, int, Department]]) -> list[tuple[list[Department], Role]]:
    """Runs of names (区财政局、区发改委) the words around them give a role: 由…牵头, …主导,
    …负责, …配合, …承办, 办公室设在…, a duty list item (3.区卫健委。…)."""
    runs: list[tuple[int, int, list[Department]]] = []
    for start, end, department in mentions:
        if runs and DEPARTMENT_JOINER.match(text[runs[-1][1] : start]):
            runs[-1] = (runs[-1][0], end, runs[-1][2] + [department])
        else:
            runs.append((start, end, [department]))
    found = []
    for start, end, run in runs:
        before, after = text[:start], text[end:]
        if (role_after := DEPARTMENT_ROLE_AFTER.match(after)) is not None:
            found.append((run, VERB_ROLES[role_after.lastgroup or "responsible"]))
        elif DEPARTMENT_OFFICE_BEFORE.search(before):
            found.append((run[:1], Role.OFFICE))
        elif DEPARTMENT_DUTY_BEFORE.match(before) and DEPARTMENT_DUTY_AFTER.match(after):
            found.append((run, Role.RESPONSIBLE))
    return found
