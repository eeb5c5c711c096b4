"""The `gongbao` command line: arguments in, commands run, errors out as one line.

Every `GongbaoError` becomes `gongbao: FILE:LINE: message` on stderr and exit status 2, never
a traceback (use --debug to see one).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

from builder.adding import Overrides, plan_addition, write_addition
from builder.corpus import CorpusIssue, check_corpus, raw_issue_files
from builder.errors import GongbaoError
from builder.pipeline import parse_issue
from builder.publishing import LATEST, default_version, publish
from builder.reading import DEFAULT_MAX_BYTES
from builder.report import format_check, format_check_markdown, format_report, inspect_data


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
    else:
        print(format_report(issue))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    paths = find_raw_issues(Path(args.content))
    if not paths:
        raise GongbaoError("no raw issues (*.txt) found", args.content)
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
        print(f"REFUSED: {len(addition.problems)} problem(s) above; nothing written "
              "(fix them, or add --force to add the issue and record them as accepted in its sidecar)")
        return 1
    if args.dry_run:
        print(f"WOULD ADD: {target} ({len(addition.issue.documents)} documents)")
        return 0
    write_addition(addition, force=args.force)
    accepted = f", {len(addition.problems)} problem(s) accepted in {target.parent / 'issue.yml'}" if addition.problems else ""
    print(f"ADDED: {target} ({len(addition.issue.documents)} documents{accepted}); "
          "next: `gongbao check`, then commit and push")
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
    names = _git(content, "diff", "--name-only", "-z", "--no-renames", since, "--", ".")
    names += _git(content, "ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", ".")
    top = Path(_git(content, "rev-parse", "--show-toplevel")[0].strip())
    folders = {(top / name).parent.resolve() for name in names}
    return [entry for entry in issues if entry.raw.parent.resolve() in folders]


def _git(folder: Path, *arguments: str) -> list[str]:
    result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GongbaoError(f"git {arguments[0]}: {last}", folder)
    return [name for name in result.stdout.split("\0") if name]


def cmd_publish(args: argparse.Namespace) -> int:
    config_file = Path(_config_file(args))
    version = args.version
    if version is None:
        content = Path(args.content)
        issues = [parse_issue(raw, max_bytes=args.max_size) for raw in raw_issue_files(content)] if content.is_dir() else []
        version = default_version(issues)
        if version is None:
            raise GongbaoError("no issue with a year to name the version after; give --version", content)
        print(f"gongbao: publishing version {version} (named after the newest issue)", file=sys.stderr)
    publish(config_file, version, args.alias, title=args.title, branch=args.branch, remote=args.remote, push=args.push)
    return 0


def run_mkdocs(command: str, *options: str) -> int:
    """Run `mkdocs <command>` with this Python, so the plugin and theme are the ones installed here."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # Material's banner about MkDocs 2 is not our warning
    try:
        return subprocess.call([sys.executable, "-m", "mkdocs", command, *options], env=env)
    except KeyboardInterrupt:
        return 130


def _config_file(args: argparse.Namespace) -> str:
    if not Path(args.config_file).is_file():
        raise GongbaoError("no MkDocs configuration here (run from the project folder or pass -f)", args.config_file)
    return str(args.config_file)


def cmd_build(args: argparse.Namespace) -> int:
    options = ["--strict", "-f", _config_file(args)]
    if args.site_dir:
        options += ["-d", str(args.site_dir)]
    return run_mkdocs("build", *options)


def cmd_serve(args: argparse.Namespace) -> int:
    return run_mkdocs("serve", "--strict", "-f", _config_file(args), "-a", args.dev_addr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongbao", description="Publish Chinese government gazettes as a static site.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    commands = parser.add_subparsers(dest="command", required=True)

    inspect = commands.add_parser("inspect", help="parse one raw issue and report what the builder found")
    inspect.add_argument("raw", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the model as JSON")
    inspect.set_defaults(run=cmd_inspect)

    report = commands.add_parser("report", help="report on every raw issue under a content folder")
    report.add_argument("content", nargs="?", default="content")
    report.set_defaults(run=cmd_report)

    build = commands.add_parser("build", help="build the static site (mkdocs build --strict)")
    build.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site/)")
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
    add.add_argument("--force", action="store_true", help="add despite 文号 collisions or missing 目录 items, recording them as accepted")
    add.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    add.set_defaults(run=cmd_add)

    check = commands.add_parser("check", help="validate the whole content folder; non-zero exit on any problem")
    check.add_argument("content", nargs="?", default="content")
    check.add_argument("--markdown", action="store_true", help="print a Markdown summary (for a CI job summary)")
    check.add_argument("--since", metavar="GIT_REF", help="with --markdown: include the full report of issues changed since this revision")
    check.set_defaults(run=cmd_check)

    publish_ = commands.add_parser("publish", help="build and deploy a version of the site with mike (to gh-pages)")
    publish_.add_argument("--version", help="version name (default: from the newest issue, e.g. 2025-03; see README)")
    publish_.add_argument("--alias", action="append", default=[], help=f"alias to move to this version, e.g. {LATEST} (repeatable)")
    publish_.add_argument("--title", help="title in the version selector (default: the version)")
    publish_.add_argument("--branch", default="gh-pages", help="branch that holds the versions (default: gh-pages)")
    publish_.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    publish_.add_argument("--push", action="store_true", help="push the branch after committing")
    publish_.add_argument("--content", default="content", help="content folder, to name the version (default: content)")
    publish_.set_defaults(run=cmd_publish)

    for sub in (build, serve, publish_):
        sub.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))

    for sub in (inspect, report, add, check, publish_):
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
