"""What a cached result was made by: the source of a builder package and of every builder module
it imports, directly or through others (found by following imports, so a new module needs no
list). The parse cache (content.cache) and the PDF read cache (parse.pdf.reader) key on it."""

from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent


def package_sources(*packages: str) -> list[Path]:
    """The source files of `packages` (paths under builder/, e.g. "parse" or "parse/pdf") and of
    every builder module they import."""
    pending = [path for package in packages for path in (BUILDER / package).rglob("*.py")]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path not in seen:
            seen.add(path)
            pending.extend(_imported_files(path))
    return sorted(seen)


def source_digest(*packages: str) -> bytes:
    """A digest of the Python version and `package_sources(*packages)`."""
    digest = hashlib.sha256(sys.version.encode())
    for path in package_sources(*packages):
        digest.update(path.relative_to(BUILDER).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def _imported_files(path: Path) -> list[Path]:
    found = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "builder":
                base = BUILDER.joinpath(*parts[1:])
                found += [file for file in (base.with_suffix(".py"), base / "__init__.py") if file.is_file()]
    return found
