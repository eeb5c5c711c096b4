"""The `gongbao` MkDocs plugin: raw issues in `content/` become the pages of a gazette library.

Events, in the order MkDocs runs them:

    on_config        resolve the content and cache folders; default the nav if the user set none
    on_files         parse every raw issue (through the cache; misses in parallel), drop the raw
                     files from the site, add the generated pages and downloads as virtual files
    on_env           register the template filters (cn_date, where_printed, citation, status, legislation)
    on_page_context  hand each generated page its view as `gb`
    on_post_build    prune cache entries this build did not use (on_build_error: stop the bars)
    on_serve         watch the content folder when it is not the docs folder
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import cast

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from builder.content.boundary import passes_through_link, walk_content
from builder.content.cache import IssueCache, open_content
from builder.content.corpus import (
    CorpusIssue,
    accepted_for,
    duplicate_number_problems,
    issue_key,
    raw_issue_files,
    refuse_unpublishable,
)
from builder.content.removed import REMOVED_REPORT_VARIABLE, write_removed_report
from builder.content.revisions import HISTORY_VARIABLE, load_history
from builder.errors import GongbaoError
from builder.model import Issue, Level
from builder.parse.reading import DEFAULT_MAX_BYTES
from builder.site.citations import CitationIndex
from builder.site.departments import DepartmentRegistry
from builder.site.effects import apply_effects, has_status, status_data, status_on
from builder.site.library import Library, build_library
from builder.site.pages import PageFactory, PageView
from builder.site.progress import MIN_ISSUES, MIN_PAGES, BuildProgress
from builder.site.reader import (
    build_date,
    citation_line,
    cn_date,
    where_printed,
)
from builder.site.structured import legislation_script

log = logging.getLogger("mkdocs.plugins.gongbao")

PARSING, RENDERING = "parsing issues", "rendering pages"


class _PositiveInt(c.Type):
    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"Expected a positive integer but received: {value!r}")
        return value


class SiteIdentity(base.Config):
    """Who runs the site, as 政府网站发展指引 (国办发〔2017〕47号) asks every government website
    to say in its footer. Every field is optional; what is set is shown."""

    sponsor = c.Optional(c.Type(str))
    """主办单位: the body that runs the site."""

    organizer = c.Optional(c.Type(str))
    """承办单位: the body that operates it for the sponsor, when another one does."""

    contact = c.Optional(c.Type(str))
    """联系方式: a phone number or an address readers can write to."""

    site_code = c.Optional(c.Type(str))
    """网站标识码, given by the national government-website register."""

    icp = c.Optional(c.Type(str))
    """ICP备案号 (京ICP备12345678号), linked to beian.miit.gov.cn."""

    police = c.Optional(c.Type(str))
    """公安机关备案号 (京公网安备11010502030143号), linked to beian.mps.gov.cn with its number."""

    mark = c.Optional(c.Type(str))
    """The 党政机关 mark (or any mark), an image path relative to docs_dir."""

    example = c.Type(bool, default=False)
    """The values are examples (the sample site): the footer says so, so nobody takes them as real."""


class GazetteConfig(base.Config):
    identity = c.SubConfig(SiteIdentity)
    """The site's identity, shown in every page's footer and on the 关于本库 page."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site then has only the user's own pages)."""

    content_dir = c.Optional(c.Type(str))
    """Folder of raw issues, relative to mkdocs.yml; defaults to `docs_dir`."""

    cache = c.Type(bool, default=True)
    """Keep parsed issues in `cache_dir`, keyed by content hash."""

    cache_dir = c.Type(str, default=".cache/plugin/gongbao")
    """Where parsed issues are cached, relative to mkdocs.yml."""

    max_issue_size = _PositiveInt(DEFAULT_MAX_BYTES)
    """Largest raw issue, in bytes; a larger file is an error naming it."""

    latest_issues = _PositiveInt(8)
    """How many issues the home page lists as latest."""

    feed_entries = _PositiveInt(20)
    """How many issues the Atom feed carries."""

    findings_level = c.Choice(("debug", "info", "warning"), default="info")
    """Log level for what the builder is unsure about (warning makes `--strict` fail on them)."""

    workers = c.Choice(range(257), default=0)
    """Processes that parse issues not in the cache; 0: one per CPU core."""

    removed_report = c.Optional(c.Type(str))
    """Write every line the builder removed as noise, per issue, to this Markdown file (relative
    to mkdocs.yml) for an editor to review; `gongbao build --removed-report FILE` sets it too."""


class GazettePlugin(BasePlugin[GazetteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.library = Library()
        self.views: dict[str, PageView] = {}
        self.cache: IssueCache | None = None
        self.content_dir: Path | None = None
        self.removed_report: Path | None = None
        self.history: dict[str, list] = {}  # page path -> its revisions, from `gongbao publish`
        self.progress = BuildProgress()

    # --- configuration ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        try:
            self.content_dir, self.cache = open_content(
                root,
                self.config.content_dir,
                config.docs_dir,
                self.config.cache_dir if self.config.cache else None,
                self.config.max_issue_size,
            )
        except GongbaoError as error:
            raise PluginError(f"gongbao: {error.message}") from None
        # what is read from PDFs (and their OCR) is cached beside, whatever the working folder
        os.environ.setdefault("GONGBAO_CACHE_DIR", str(root / ".cache" / "gongbao"))
        report = self.config.removed_report or os.environ.get(REMOVED_REPORT_VARIABLE)
        self.removed_report = (root / report) if report else None
        self.history = _read_history(os.environ.get(HISTORY_VARIABLE))
        if "mike" not in config.plugins and isinstance(config.extra.get("version"), dict):
            # only a mike deployment has a versions.json; anywhere else (`gongbao serve`, a plain
            # build) Material's version selector would request it on every page and get a 404
            del config.extra["version"]
        return config

    # --- files --------------------------------------------------------------------------------

    @event_priority(-50)  # after other plugins, so the generated pages are not processed twice
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        assert self.cache is not None and self.content_dir is not None
        reported = self._refuse_links_and_hidden(config)
        raws = raw_issue_files(self.content_dir)
        self.progress.step(PARSING, len(raws), MIN_ISSUES)
        outcomes = self.cache.issues(
            raws, self.config.workers or os.cpu_count() or 1, lambda done, total: self.progress.advance(PARSING, done)
        )
        parsed = []
        for raw, issue in zip(raws, outcomes, strict=True):
            try:
                if isinstance(issue, GongbaoError):
                    raise issue
                accepted = accepted_for(raw)
                refuse_unpublishable(issue, raw)
            except GongbaoError as error:
                # one bad issue must not take the site down; --strict still fails the build on it
                if str(error) not in reported:  # a linked sidecar was named already
                    log.error(f"gongbao: {error} (this issue is left out of the site)")
                continue
            self._log_findings(issue)
            parsed.append(CorpusIssue(raw, issue_key(raw, self.content_dir), issue, accepted))
        log.info(f"gongbao: {len(parsed)} issue(s), {self.cache.hits} from cache")
        for problem in duplicate_number_problems(parsed):
            log.warning(f"gongbao: {problem} (both are published; accept a reprint in the sidecar)")
        if self.removed_report is not None:
            write_removed_report(self.removed_report, [entry.issue for entry in parsed])
        self.library = build_library([(entry.raw, entry.key, entry.issue) for entry in parsed])
        for document in self.library.documents:
            document.revisions = self.history.get(document.path, [])
        citations = CitationIndex(self.library)
        apply_effects(self.library, citations)
        departments = DepartmentRegistry(self.library, self.content_dir)
        self._drop_raw_files(files, config)
        _drop_unused_theme_files(files, material_search=_material_search_is_on(config))
        factory = PageFactory(
            config,
            self.library,
            citations,
            departments,
            site_name=config.site_name,
            latest_issues=self.config.latest_issues,
            feed_entries=self.config.feed_entries,
        )
        for file in factory.all_files():
            existing = files.get_file_from_path(file.src_uri)
            if existing is not None and existing.generated_by is None:
                log.info(f"gongbao: keeping the user's own '{file.src_uri}' instead of the generated page")
                continue
            files.append(file)
        self.views = factory.views
        self.progress.step(RENDERING, len(self.views), MIN_PAGES)
        if config.nav is None:
            own = [f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.src_uri != "index.md"]
            config.nav = factory.nav(sorted(own))
        return files

    def _refuse_links_and_hidden(self, config: MkDocsConfig) -> set[str]:
        """Name each link and hidden issue under the content (and docs) folder once; returns the
        lines, so that a reader meeting the same link does not name it again."""
        assert self.content_dir is not None
        reported: set[str] = set()
        docs = Path(config.docs_dir)
        roots = [self.content_dir] + ([docs] if docs.resolve() != self.content_dir.resolve() else [])
        for root in roots:
            for refusal in walk_content(root)[1]:
                if str(refusal) not in reported:
                    reported.add(str(refusal))
                    log.error(f"gongbao: {refusal} (left out of the site)")
        return reported

    def _drop_raw_files(self, files: Files, config: MkDocsConfig) -> None:
        """Raw issues, sidecars and alias files inside docs_dir are inputs, not downloads; and
        nothing reached through a link under docs_dir is copied (builder.content.boundary)."""
        assert self.content_dir is not None
        content = self.content_dir.resolve()
        docs = Path(config.docs_dir)
        for file in list(files):
            if file.abs_src_path is None:
                continue
            if file.generated_by is None and passes_through_link(Path(file.abs_src_path), docs):
                files.remove(file)
                continue
            path = Path(file.abs_src_path).resolve()
            if path.suffix in (".txt", ".pdf", ".yml", ".yaml") and content in path.parents:
                files.remove(file)

    def _log_findings(self, issue: Issue) -> None:
        level = getattr(logging, self.config.findings_level.upper())
        for finding in issue.findings:
            if finding.level == Level.WARNING:
                where = f": page {finding.page}" if finding.page else f":{finding.line}" if finding.line else ""
                log.log(level, f"gongbao: {issue.source}{where}: {finding.message}")

    # --- templates ----------------------------------------------------------------------------

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        env.globals["gb_identity"] = self.config.identity
        env.globals["gb_built"] = build_date().isoformat()
        env.filters["cn_date"] = cn_date
        env.filters["where_printed"] = where_printed
        env.filters["citation"] = citation_line
        today = build_date()
        site_url = config.site_url or None
        env.globals["gb_build_date"] = today.isoformat()
        env.filters["has_status"] = has_status
        env.filters["status"] = lambda entry: status_on(entry, today)  # as of the build date, stated beside it
        env.filters["status_dates"] = lambda entry: json.dumps(status_data(entry), ensure_ascii=False)
        env.filters["legislation"] = lambda entry: legislation_script(entry, site_url, today)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        view = self.views.get(page.file.src_uri)
        if view is not None:
            cast(dict, context)["gb"] = view  # the templates' own key, beside MkDocs' TemplateContext
            self.progress.advance(RENDERING)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.progress.stop()
        if self.cache is not None:
            self.cache.prune()

    def on_build_error(self, *, error: Exception) -> None:
        self.progress.stop()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.content_dir is not None and self.content_dir.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(self.content_dir))
        return server


#: Material's files the site never loads: its lunr search and worker (gongbao has its own search)
#: and source maps; 2.2 of its 2.6 MB, repeated in every published version
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def _material_search_is_on(config: MkDocsConfig) -> bool:
    """Material's own search plugin enabled beside gongbao's (benchmarks/search_quality.py
    compares the two): its lunr files and worker are then loaded after all."""
    return any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)


def _drop_unused_theme_files(files: Files, *, material_search: bool = False) -> None:
    for file in list(files):
        if (
            file.generated_by is None
            and file.abs_src_path
            and "material" in Path(file.abs_src_path).parts
            and ((file.src_uri.startswith(UNUSED_THEME_FILES) and not material_search) or file.src_uri.endswith(".map"))
        ):
            files.remove(file)


def _read_history(path: str | None) -> dict[str, list]:
    """The document histories `gongbao publish` hands the build (builder.content.revisions.history_data)."""
    if not path:
        return {}
    try:
        return load_history(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"gongbao: cannot read the document histories in {path}: {error}") from None
