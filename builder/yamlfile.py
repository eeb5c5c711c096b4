"""Reading an editor's YAML file: one error path for every file gongbao reads (sidecars,
departments.yml), so a bad file is always one line naming the file and the line to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from builder.errors import GongbaoError, LinkRefused


def read_yaml(
    path: Path, loader: type[yaml.SafeLoader] = yaml.SafeLoader, error: type[GongbaoError] = GongbaoError
) -> Any:
    """The document in `path` (None when it is empty); `error` naming the file, and the line
    when YAML gives one, when it is not UTF-8 or not valid YAML. An editor's file is never read
    through a symbolic link (`LinkRefused`): it could point anywhere outside the content folder."""
    if path.is_symlink():
        raise LinkRefused(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        reason = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error(f"not valid YAML: {reason}", path, mark.line + 1 if mark else None) from None
    except UnicodeDecodeError:
        raise error("not UTF-8 text", path) from None
