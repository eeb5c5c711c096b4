"""The `gongbao` command line: arguments in, commands run, errors out as one line.

Every `GongbaoError` becomes `gongbao: FILE:LINE: message` on stderr and exit status 2, never
a traceback (use --debug to see one).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.commands import git
from builder.commands.adding import Overrides, plan_addition, write_addition
from builder.commands.ghpages import read_versions, update_from_remote
from builder.commands.publishing import (
    LATEST,
    PublishedDocument,
    deployed_documents,
    latest_version,
    plan_publication,
    publication_date,
    publish,
)
from builder.commands.report import (
    format_check,
    format_check_markdown,
    format_report,
    inspect_data,
)
from builder.content.cache import open_content
from builder.content.corpus import CorpusIssue, check_corpus, issue_key, raw_issue_files
from builder.content.removed import REMOVED_REPORT_VARIABLE, format_removed
from builder.content.revisions import published_text, tracked_metadata
from builder.errors import GongbaoError
from builder.model import Issue
from builder.parse import parse_issue
from builder.parse.reading import DEFAULT_MAX_BYTES


def find_raw_issues(root: Path) -> list[Path]:
    """Raw issue files under a content folder, in a stable order."""
    return [root] if root.is_file() else raw_issue_files(root)


def _parser(args: argparse.Namespace):
    return functools.partial(parse_issue, max_bytes=args.max_size)


def cmd_inspect(args: argparse.Namespace) -> int:
    issue = parse_issue(args.raw, max_bytes=args.max_size)
    if args.json:
        json.dump(inspect_data(issue), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.removed:
        print("\n".join(format_removed(issue)))
    else:
        print(format_report(issue))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    paths = find_raw_issues(Path(args.content))
    if not paths:
        raise GongbaoError("no raw issues (*.txt, *.pdf) found", args.content)
    failures = 0
    for path in paths:
        try:
            print(format_report(_parser(args)(path)))
        except GongbaoError as error:
            failures += 1
            print(f"gongbao: {error}", file=sys.stderr)
        print()
    print(f"{len(paths)} issue(s), {failures} failed")
    return 1 if failures else 0


def cmd_add(args: argparse.Namespace) -> int:
    content = Path(args.content)
    overrides = Overrides(args.publisher, args.year, args.issue, args.date, args.folder)
    addition = plan_addition(args.raw, content, overrides, _parser(args))
    print(format_report(addition.issue))
    if addition.sidecar:
        print(f"  sidecar: {', '.join(f'{k}={v}' for k, v in addition.sidecar['issue'].items())}")
    for reason in addition.blockers + addition.problems:
        print(f"  ✗ {reason}")
    target = addition.target
    if addition.blockers:
        print(f"REFUSED: {len(addition.blockers)} problem(s) above; nothing written")
        return 1
    if addition.problems and not args.force:
        print(
            f"REFUSED: {len(addition.problems)} problem(s) above; nothing written "
            "(fix them, or add --force to add the issue and record them as accepted in its sidecar)"
        )
        return 1
    if args.dry_run:
        print(f"WOULD ADD: {target} ({len(addition.issue.documents)} documents)")
        return 0
    write_addition(addition, force=args.force)
    accepted = (
        f", {len(addition.problems)} problem(s) accepted in {target.parent / 'issue.yml'}"
        if addition.problems and target
        else ""
    )
    print(
        f"ADDED: {target} ({len(addition.issue.documents)} documents{accepted}); "
        "next: `gongbao check`, then commit and push"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        raise GongbaoError("not a folder", content)
    issues, problems = check_corpus(content, _parser(args))
    if args.markdown:
        changed = _changed_issues(issues, content, args.since) if args.since else []
        sys.stdout.write(format_check_markdown(issues, problems, changed))
    else:
        print(format_check(issues, problems))
    return 1 if problems else 0


def _changed_issues(issues: list[CorpusIssue], content: Path, since: str) -> list[CorpusIssue]:
    """Issues whose raw file or sidecar differs from the git revision `since` (or is new)."""
    folders = {path.parent.resolve() for path in git.changed_files_since(content, since)}
    return [entry for entry in issues if entry.raw.parent.resolve() in folders]


def cmd_publish(args: argparse.Namespace) -> int:
    config_file = Path(_config_file(args))
    folder = config_file.parent
    current = _published_documents(config_file)
    update_from_remote(folder, args.remote, args.branch)
    versions = read_versions(folder, args.branch)
    latest = latest_version(versions)
    deployed = deployed_documents(folder, args.branch, latest) if latest else None
    plan = plan_publication(
        list(current.values()),
        versions,
        deployed,
        date=args.date or publication_date(folder),
        version=args.version,
        cut=args.cut,
        keep_years=args.keep_years,
    )
    what = "new version" if plan.new_version else "redeploying version"
    print(f"gongbao: {what} {plan.version} ({plan.reason})", file=sys.stderr)
    for path, changes in sorted(plan.changed.items()):
        print(f"  revised: {path} ({'、'.join(changes)})", file=sys.stderr)
    for path in plan.removed:
        print(f"  removed: {path}", file=sys.stderr)
    if plan.prune:
        print(
            f"gongbao: retention ({args.keep_years} years) deletes version(s) {', '.join(plan.prune)}", file=sys.stderr
        )
    sizes = publish(
        config_file, plan, args.alias, current, title=args.title, branch=args.branch, remote=args.remote, push=args.push
    )
    print(f"gongbao: {sizes.summary(plan.version)}", file=sys.stderr)
    if sizes.warning:
        print(f"gongbao: warning: {sizes.warning}", file=sys.stderr)
    return 0


def _published_documents(config_file: Path) -> dict[str, PublishedDocument]:
    """Every document the site will publish, by page path, with its text and tracked metadata:
    the issues read as the plugin reads them (its content folder, its cache, warm after
    `gongbao build`, misses parsed on every core), arranged by the site's library. Unreadable
    issues, and issues without a year, are skipped (the build reports them)."""
    from builder.site.library import build_library

    config = _load_config(config_file)
    plugin = config.plugins.get("gongbao")
    if plugin is None:
        raise GongbaoError("the gongbao plugin is not in this configuration", config_file)
    options = plugin.config
    content_dir, cache = open_content(
        config_file.parent,
        options.content_dir,
        config.docs_dir,
        options.cache_dir if options.cache else None,
        options.max_issue_size,
    )
    raws = raw_issue_files(content_dir)
    outcomes = cache.issues(raws, os.cpu_count() or 1)
    library = build_library(
        [
            (raw, issue_key(raw, content_dir), issue)
            for raw, issue in zip(raws, outcomes, strict=True)
            if isinstance(issue, Issue) and issue.year  # as the site: an issue without a year is left out
        ]
    )
    return {
        entry.path: PublishedDocument(
            entry.path,
            entry.issue.key,
            entry.position + 1,
            tracked_metadata(entry.document.metadata(), entry.issue.issue.date),
            published_text(entry.document),
        )
        for entry in library.documents
    }


def run_mkdocs(command: str, *options: str, env: dict[str, str] | None = None) -> int:
    """Run `mkdocs <command>` with this Python, so the plugin and theme are the ones installed here."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1")  # Material's banner about MkDocs 2 is not our warning
    try:
        return subprocess.call([sys.executable, "-m", "mkdocs", command, *options], env=env)
    except KeyboardInterrupt:
        return 130


def _config_file(args: argparse.Namespace) -> str:
    if not Path(args.config_file).is_file():
        raise GongbaoError("no MkDocs configuration here (run from the project folder or pass -f)", args.config_file)
    return str(args.config_file)


def cmd_build(args: argparse.Namespace) -> int:
    """A strict build into a fresh folder beside the site folder, swapped in only when it succeeds:
    a failed build leaves the previous site as it was."""
    config_file = Path(_config_file(args))
    site_dir = Path(args.site_dir) if args.site_dir else _configured_site_dir(config_file)
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := git.last_commit_time(config_file.parent)):
        env["SOURCE_DATE_EPOCH"] = epoch  # outside git, MkDocs dates the sitemap with the current time
    if args.removed_report:
        env[REMOVED_REPORT_VARIABLE] = str(Path(args.removed_report).resolve())
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    status = run_mkdocs("build", "--strict", "-f", str(config_file), "-d", str(staging), env=env)
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"gongbao: build failed; {site_dir} is left as it was", file=sys.stderr)
        return status
    _swap_in(staging, site_dir)
    return 0


def _configured_site_dir(config_file: Path) -> Path:
    return Path(_load_config(config_file).site_dir)


def _load_config(config_file: Path):
    from mkdocs.config import load_config

    try:
        return load_config(str(config_file))
    except Exception as error:  # MkDocs reports a bad configuration in its own words
        raise GongbaoError(f"cannot read the configuration: {error}", config_file) from None


def _swap_in(built: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-previous-{os.getpid()}")
        site_dir.rename(old)
    built.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """This process becomes `mkdocs serve`, so that stopping it (Ctrl+C, a signal) stops the server:
    a child process would outlive a terminated parent."""
    config_file = _config_file(args)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(
        sys.executable,
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", config_file, "-a", args.dev_addr],
        env,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongbao", description="Publish Chinese government gazettes as a static site."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    commands = parser.add_subparsers(dest="command", required=True)

    inspect = commands.add_parser("inspect", help="parse one raw issue and report what the builder found")
    inspect.add_argument("raw", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the model as JSON")
    inspect.add_argument("--removed", action="store_true", help="print the lines removed as noise, with their reasons")
    inspect.set_defaults(run=cmd_inspect)

    report = commands.add_parser("report", help="report on every raw issue under a content folder")
    report.add_argument("content", nargs="?", default="content")
    report.set_defaults(run=cmd_report)

    build = commands.add_parser("build", help="build the static site (mkdocs build --strict)")
    build.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site/)")
    build.add_argument(
        "--removed-report",
        type=Path,
        metavar="FILE",
        help="also write every line removed as noise, per issue, to this Markdown file",
    )
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="serve the site with live reload (mkdocs serve)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    serve.set_defaults(run=cmd_serve)

    add = commands.add_parser("add", help="add a raw issue to the content folder, with a report and a verdict")
    add.add_argument("raw", type=Path)
    add.add_argument("--content", default="content", help="content folder (default: content)")
    add.add_argument("--publisher", help="publisher, when the text does not say it or says it wrongly")
    add.add_argument("--year", type=int, help="year of the issue")
    add.add_argument("--issue", help="期 of the issue, as printed: 2, or 7-9 for a joint issue")
    add.add_argument("--date", help="publication date, YYYY-MM-DD")
    add.add_argument("--folder", help="issue folder name (default: <year>-<期>, e.g. 2023-07-09)")
    add.add_argument(
        "--force",
        action="store_true",
        help="add despite 文号 collisions or missing 目录 items, recording them as accepted",
    )
    add.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    add.set_defaults(run=cmd_add)

    check = commands.add_parser("check", help="validate the whole content folder; non-zero exit on any problem")
    check.add_argument("content", nargs="?", default="content")
    check.add_argument("--markdown", action="store_true", help="print a Markdown summary (for a CI job summary)")
    check.add_argument(
        "--since",
        metavar="GIT_REF",
        help="with --markdown: include the full report of issues changed since this revision",
    )
    check.set_defaults(run=cmd_check)

    publish_ = commands.add_parser("publish", help="build and deploy a version of the site with mike (to gh-pages)")
    publish_.add_argument(
        "--version",
        help="deploy this version, new or existing (default: a new version named by "
        "the date when published text changed, else the latest redeployed; see README)",
    )
    publish_.add_argument(
        "--cut", action="store_true", help="cut a new version named by the date even if no published text changed"
    )
    publish_.add_argument(
        "--date", help="date of this publication, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the last commit's)"
    )
    publish_.add_argument(
        "--keep-years",
        type=int,
        metavar="N",
        help="retention: delete versions no reader could have seen as the latest in the last N years",
    )
    publish_.add_argument(
        "--alias", action="append", default=[], help=f"alias to move to this version, e.g. {LATEST} (repeatable)"
    )
    publish_.add_argument("--title", help="title in the version selector (default: the version)")
    publish_.add_argument("--branch", default="gh-pages", help="branch that holds the versions (default: gh-pages)")
    publish_.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    publish_.add_argument("--push", action="store_true", help="push the branch after committing")
    publish_.set_defaults(run=cmd_publish)

    for sub in (build, serve, publish_):
        sub.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))

    for sub in (inspect, report, add, check):
        sub.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, help="largest raw issue in bytes")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except GongbaoError as error:
        if args.debug:
            raise
        print(f"gongbao: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
