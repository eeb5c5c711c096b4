"""`gongbao publish`: deploy the site as a version of a versioned site, with mike.

Every version is a complete build kept under its own folder of the `gh-pages` branch, so a link
to what the archive said then keeps working; `versions.json` at the branch root lists them for
Material's version selector, and the `latest` alias (and the site root) lead to the newest.

**When a version is cut.** The archive is append-only: adding an issue leaves every published
document as it was, so it needs no new version. `plan_publication` compares each document about
to be published with the deployed latest version (the content hashes in its documents.json,
builder.content.revisions):

* only new documents → the latest version is redeployed in place;
* a published document's text or tracked metadata changed (an editor's correction in a sidecar,
  a builder upgrade, a reprint), or one disappeared → a new version, named by the publication
  date (`YYYY-MM-DD`), and the earlier one is kept; each changed document gets a `Revision`
  that its page lists (修订记录) with a diff and a link to the earlier text;
* `version=` names the version by hand (new or existing), `cut=True` cuts one regardless.

**Size.** GitHub Pages serves at most 1 GB. Aliases are deployed as redirect pages, not as
symlinks (the Pages artifact may hold no links, so a symlinked `latest` would count as a second
copy). `SizeReport` gives the deployed tree and the new version, and warns when the tree passes
`WARN_SHARE` of the limit or one more version of this size would not fit.

**Retention** (`prune_versions`, with `keep_years`): the latest version is kept, and so is every
version a reader could have seen as the latest within the last `keep_years` years (its
successor was published less than that long ago), which is every version holding the earlier
text of a revision made in that time. The rest are deleted with `mike delete`. A version whose
date cannot be told (a hand-named version from before dates were recorded) is kept.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from builder.commands import git
from builder.commands.ghpages import read_files, read_versions, tree_size
from builder.content.revisions import (
    HISTORY_VARIABLE,
    Fingerprint,
    Revision,
    changed_fields,
    field_changes,
    history_data,
    text_diff,
    text_from_download,
    tracked_metadata,
)
from builder.errors import GongbaoError

LATEST = "latest"
DOCUMENTS_JSON = "documents.json"
PUBLISHED = "published"  # the property of each version in versions.json holding its date
PAGES_LIMIT = 1_000_000_000  # bytes GitHub Pages serves at most (1 GB)
WARN_SHARE = 0.75
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass
class PublishedDocument:
    """A document as a version shows it: its page path, where it is in its issue, its tracked
    metadata and text (the about-to-be-published one), or its hashes (a deployed one)."""

    path: str
    issue_key: str | None
    position: int
    metadata: dict
    text: str | None = None
    hashes: Fingerprint | None = None
    revisions: list[Revision] = field(default_factory=list)

    @cached_property
    def fingerprint(self) -> Fingerprint:
        if self.hashes is not None:
            return self.hashes
        assert self.text is not None
        return Fingerprint.of(self.text, self.metadata)

    @classmethod
    def from_record(cls, record: dict) -> PublishedDocument | None:
        """A documents.json record; None if it predates content hashes."""
        if "content_hash" not in record or "path" not in record:
            return None
        issue = record.get("issue") or {}
        return cls(
            record["path"],
            issue.get("key"),
            record.get("position", 0),
            tracked_metadata(record, issue.get("date")),
            hashes=Fingerprint(record["content_hash"], record["text_hash"]),
            revisions=[Revision.from_record(r) for r in record.get("revisions", [])],
        )


@dataclass
class PublishPlan:
    version: str
    new_version: bool  # a version is cut; otherwise `version` is redeployed in place
    reason: str
    date: str
    changed: dict[str, list[str]] = field(default_factory=dict)  # page path -> what changed
    removed: list[str] = field(default_factory=list)  # page paths no longer published
    history: dict[str, list[Revision]] = field(default_factory=dict)  # page path -> revisions, newest first
    prune: list[str] = field(default_factory=list)  # versions the retention policy deletes


def latest_version(versions: list[dict]) -> str | None:
    for version in versions:
        if LATEST in version.get("aliases", []):
            return version["version"]
    return versions[0]["version"] if versions else None


def deployed_documents(folder: Path, branch: str, version: str) -> dict[str, PublishedDocument] | None:
    """The documents of a deployed version by page path; None when it has no content hashes."""
    text = read_files(folder, branch, [f"{version}/{DOCUMENTS_JSON}"])[f"{version}/{DOCUMENTS_JSON}"]
    if text is None:
        return None
    documents = [PublishedDocument.from_record(r) for r in json.loads(text).get("results", [])]
    if any(d is None for d in documents):
        return None
    return {d.path: d for d in documents if d is not None}


def _match(current: list[PublishedDocument], deployed: dict[str, PublishedDocument]) -> dict[str, PublishedDocument]:
    """current path -> its deployed self: the same page path, else (a 文号 corrected, say) the
    same place in the same issue among the unmatched."""
    matched = {d.path: deployed[d.path] for d in current if d.path in deployed}
    used = {d.path for d in matched.values()}
    by_place = {(d.issue_key, d.position): d for d in deployed.values() if d.path not in used}
    for document in current:
        if document.path not in matched:
            earlier = by_place.pop((document.issue_key, document.position), None)
            if earlier is not None:
                matched[document.path] = earlier
    return matched


def version_date(version: dict) -> datetime.date | None:
    """When a version was published: its `published` property, else a date-like name."""
    value = (version.get("properties") or {}).get(PUBLISHED) or version["version"]
    found = _DATED_NAME.match(str(value))
    if not found:
        return None
    try:
        return datetime.date(int(found[1]), int(found[2]), int(found[3] or 1))
    except ValueError:
        return None


def _unique_name(date: str, taken: set[str]) -> str:
    name, serial = date, 1
    while name in taken:
        serial += 1
        name = f"{date}-{serial}"
    return name


def plan_publication(
    current: list[PublishedDocument],
    versions: list[dict],
    deployed: dict[str, PublishedDocument] | None,
    *,
    date: str,
    version: str | None = None,
    cut: bool = False,
    keep_years: int | None = None,
) -> PublishPlan:
    """What to deploy (see the module docstring); `deployed` is the latest version's documents."""
    names = {v["version"] for v in versions}
    latest = latest_version(versions)
    matched = _match(current, deployed or {})
    changed = {}
    for document in current:
        earlier = matched.get(document.path)
        if earlier is not None and earlier.fingerprint.content_hash != document.fingerprint.content_hash:
            text_changed = earlier.fingerprint.text_hash != document.fingerprint.text_hash
            changed[document.path] = changed_fields(earlier.metadata, document.metadata, text_changed) or ["正文"]
    removed = sorted(set(deployed or {}) - {d.path for d in matched.values()})

    if version is not None:
        plan = PublishPlan(version, version not in names, "named by hand", date)
    elif latest is None:
        plan = PublishPlan(_unique_name(date, names), True, "the first version", date)
    elif deployed is None:
        plan = PublishPlan(
            _unique_name(date, names), True, f"version {latest} has no content hashes to compare with", date
        )
    elif cut or changed or removed:
        why = "cut by hand" if cut else f"{len(changed)} document(s) changed, {len(removed)} removed"
        plan = PublishPlan(_unique_name(date, names), True, why, date)
    else:
        plan = PublishPlan(latest, False, "no published text changed", date)
    plan.changed, plan.removed = changed, removed

    everything = (
        versions if not plan.new_version else [{"version": plan.version, "properties": {PUBLISHED: date}}, *versions]
    )
    plan.prune = prune_versions(everything, keep_years, plan.version) if keep_years is not None else []
    kept = {v["version"] for v in everything} - set(plan.prune)
    previous = latest if plan.new_version else None  # redeployed in place: the earlier text is overwritten
    for document in current:
        earlier = matched.get(document.path)
        revisions = list(earlier.revisions) if earlier else []
        if document.path in changed:
            assert earlier is not None
            revisions.insert(
                0,
                Revision(
                    plan.version,
                    date,
                    changed[document.path],
                    document.path,
                    previous,
                    earlier.path,
                    field_changes(earlier.metadata, document.metadata),
                ),
            )
        for revision in revisions:
            revision.available = revision.previous_version in kept
        if revisions:
            plan.history[document.path] = revisions
    return plan


def prune_versions(versions: list[dict], keep_years: int, latest: str) -> list[str]:
    """The versions the retention policy deletes (module docstring), oldest first."""
    dated = sorted(((date, v["version"]) for v in versions if (date := version_date(v)) is not None), reverse=True)
    if not dated:
        return []
    newest = dated[0][0]
    cutoff = newest - datetime.timedelta(days=round(365.25 * keep_years))
    pruned = []
    successor_date: datetime.date | None = None
    for date, name in dated:  # newest first: each version's successor is the one before it here
        if name != latest and successor_date is not None and successor_date <= cutoff:
            pruned.append(name)
        successor_date = date
    return list(reversed(pruned))


def attach_diffs(plan: PublishPlan, current: dict[str, PublishedDocument], folder: Path, branch: str) -> None:
    """Give every revision in the plan its diff: the earlier text from the branch, the later one
    from the branch too, or (for this version's own revisions) from what is about to be published."""
    wanted: set[str] = set()
    for revisions in plan.history.values():
        for revision in revisions:
            if revision.available and revision.previous_version:
                wanted.add(f"{revision.previous_version}/{revision.previous_path}.md")
                if revision.version != plan.version:
                    wanted.add(f"{revision.version}/{revision.path}.md")
    texts = read_files(folder, branch, sorted(wanted))
    for path, revisions in plan.history.items():
        for revision in revisions:
            before = texts.get(f"{revision.previous_version}/{revision.previous_path}.md")
            after = (
                current[path].text
                if revision.version == plan.version
                else texts.get(f"{revision.version}/{revision.path}.md")
            )
            if before is not None and after is not None:
                revision.diff = text_diff(text_from_download(before), text_from_download(after))


@dataclass(frozen=True)
class SizeReport:
    """The deployed tree (as Pages counts it) and the version just deployed, against the limit."""

    total: int
    version: int
    versions: int
    limit: int = PAGES_LIMIT

    def summary(self, name: str) -> str:
        return (
            f"gh-pages: {self.versions} version(s), {self.total / 1e6:.1f} MB deployed "
            f"({self.total / self.limit:.0%} of the {self.limit / 1e9:.0f} GB Pages limit); version {name}: {self.version / 1e6:.1f} MB"
        )

    @property
    def warning(self) -> str | None:
        if self.total > WARN_SHARE * self.limit or self.total + self.version > self.limit:
            return (
                f"the deployed site is {self.total / 1e6:.0f} MB of the {self.limit / 1e6:.0f} MB GitHub Pages serves, "
                f"and one more version takes about {self.version / 1e6:.0f} MB: prune old versions "
                "(gongbao publish --keep-years N) before the next one is cut"
            )
        return None


def size_report(folder: Path, branch: str, version: str) -> SizeReport:
    tree = tree_size(folder, branch)
    return SizeReport(tree.total, tree.of(version), len(read_versions(folder, branch)))


def publication_date(folder: Path) -> str:
    """The date a publication is named by: SOURCE_DATE_EPOCH when set, else the last commit's
    date (the commit that brought the change), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or git.last_commit_time(folder)
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return moment.date().isoformat()


def mike_command(config_file: Path, *arguments: str) -> list[str]:
    return [str(Path(sys.executable).parent / "mike"), *arguments, "--config-file", str(config_file)]


def run_mike(config_file: Path, *arguments: str, env: dict[str, str] | None = None) -> None:
    """Run mike with this Python; mike runs `mkdocs build` itself, so this Python's scripts must
    come first on PATH (the plugin and theme are the ones installed here)."""
    scripts = str(Path(sys.executable).parent)
    env = dict(
        os.environ, **(env or {}), PATH=scripts + os.pathsep + os.environ.get("PATH", ""), NO_MKDOCS_2_WARNING="1"
    )
    result = subprocess.run(mike_command(config_file, *arguments), env=env, cwd=config_file.parent, check=False)
    if result.returncode != 0:
        raise GongbaoError(
            f"mike {arguments[0]} failed (exit status {result.returncode}); see its output above", config_file
        )


def publish(
    config_file: Path,
    plan: PublishPlan,
    aliases: list[str],
    current: dict[str, PublishedDocument],
    *,
    title: str | None = None,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
) -> SizeReport:
    """Deploy `plan`: build and commit its version with the document histories (diffs attached),
    move the aliases to it (as redirect pages), delete the versions the retention policy prunes,
    and measure the result. On the first publish with `latest`, the site root is made to redirect
    there (a default chosen later is kept)."""
    folder = config_file.parent
    attach_diffs(plan, current, folder, branch)
    target = ["--branch", branch, "--remote", remote] + (["--push"] if push else [])
    with tempfile.TemporaryDirectory() as scratch:
        history = Path(scratch) / "history.json"
        history.write_text(json.dumps(history_data(plan.history, plan.version), ensure_ascii=False), encoding="utf-8")
        dated = ["--prop-set-string", f"{PUBLISHED}={plan.date}"] if plan.new_version else []  # when it was cut
        deploy = [
            "deploy",
            *target,
            "--update-aliases",
            "--alias-type",
            "redirect",
            "--title",
            title or plan.version,
            *dated,
            plan.version,
            *aliases,
        ]
        run_mike(config_file, *deploy, env={HISTORY_VARIABLE: str(history)})
    if LATEST in aliases and not _has_root_page(folder, branch):
        run_mike(config_file, "set-default", *target, LATEST)
    if plan.prune:
        run_mike(config_file, "delete", *target, *plan.prune)
    return size_report(folder, branch, plan.version)


def _has_root_page(folder: Path, branch: str) -> bool:
    """Whether `branch` already has a root index.html (a default version was set)."""
    return git.has_file(folder, branch, "index.html")
