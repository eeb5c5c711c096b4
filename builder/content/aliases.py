"""An editor's department aliases: `content/<publisher>/departments.yml`.

    aliases:
      区教体局: 区教育和体育局     # alias: the name it stands for

This module reads and validates the file; how names are compared (place stripped,
abbreviations written out) is the site's department registry's business. An alias that stands
for itself, or a loop (A: B, B: A, which would swap the names), is an error naming the line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

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
    loop = _first_loop(aliases)
    if loop:
        line = _alias_lines(path).get(loop[0])
        if len(loop) == 2:
            raise GongbaoError(f"alias {loop[0]!r} stands for itself; remove the line", path, line)
        chain = " -> ".join(loop)
        raise GongbaoError(f"aliases loop ({chain}): each name must lead to one that is no alias", path, line)
    return dict(aliases)


def _first_loop(aliases: dict[str, str]) -> list[str] | None:
    """The first alias, in file order, whose chain of names comes back to a name already on it:
    [A, B, A]; [A, A] for an alias standing for itself. None when every chain ends."""
    for start in aliases:
        chain = [start]
        while chain[-1] in aliases:
            chain.append(aliases[chain[-1]])
            if chain[-1] in chain[:-1]:
                return chain[chain.index(chain[-1]) :]
    return None


def _alias_lines(path: Path) -> dict[str, int]:
    """Line of each alias in the file (1-based), read from the YAML node tree."""
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "aliases" and isinstance(value, yaml.MappingNode):
                lines.update((alias.value, alias.start_mark.line + 1) for alias, _ in value.value)
    return lines
