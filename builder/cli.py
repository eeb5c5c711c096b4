"""The `gongbao` command line: arguments in, commands run, errors out as one line.

Every `GongbaoError` becomes `gongbao: FILE:LINE: message` on stderr and exit status 2, never
a traceback (use --debug to see one).
"""

from __future__ import annotations

import argparse
import json
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
