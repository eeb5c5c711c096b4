"""An editor's department aliases: `content/<publisher>/departments.yml`.

    aliases:
      区教体局: 区教育和体育局     # alias: the name it stands for

This module reads and validates the file; how names are compared (place stripped,
abbreviations written out) is the site's department registry's business.
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import GongbaoError
from builder.yamlfile import read_yaml

ALIAS_FILE = "departments.yml"


def read_alias_file(path: Path) -> dict[str, str]:
    """alias -> the name it stands for, as written; `GongbaoError` naming the file (and line)
    when the file is not valid."""
    data = read_yaml(path) or {}
    aliases = data.get("aliases", {}) if isinstance(data, dict) else None
    if not isinstance(aliases, dict) or set(data) - {"aliases"}:
        raise GongbaoError("expected one key, 'aliases', mapping each alias to the name it stands for", path)
    for alias, name in aliases.items():
        if not isinstance(alias, str) or not isinstance(name, str):
            raise GongbaoError(f"alias {alias!r}: both sides must be department names", path)
    return dict(aliases)
