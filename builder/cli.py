"""The `gongbao` command line: arguments in, commands run, errors out as one line.

Every `GongbaoError` becomes `gongbao: FILE:LINE: message` on stderr and exit status 2, never
a traceback (use --debug to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from builder.errors import GongbaoError
from builder.pipeline import parse_issue
from builder.reading import DEFAULT_MAX_BYTES
from builder.report import format_report, inspect_data

RAW_NAMES = ("issue.txt",)


def find_raw_issues(root: Path) -> list[Path]:
    """Raw issue files under a content folder, in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.txt") if p.is_file() and not p.name.startswith("."))


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
            print(format_report(parse_issue(path, max_bytes=args.max_size)))
        except GongbaoError as error:
            failures += 1
            print(f"gongbao: {error}", file=sys.stderr)
        print()
    print(f"{len(paths)} issue(s), {failures} failed")
    return 1 if failures else 0


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

    for sub in (build, serve):
        sub.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))

    for sub in (inspect, report):
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
