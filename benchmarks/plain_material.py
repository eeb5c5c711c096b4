"""The reference build for benchmarks/archive_scale.py: the same pages without the gongbao plugin.

`export_pages(config_file, out)` runs the plugin's configuration and file events once, without
building, and writes every page it generates as a Markdown file under `out/docs` (front matter
`template:` keys dropped, so Material's own page template renders them), with an mkdocs.yml of
plain Material: same theme features and Markdown extensions, Material's default search plugin,
no gongbao. Building that is what a site of these pages costs in MkDocs and Material alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from builder.site.plugin import GazettePlugin

_TEMPLATE_KEY = re.compile(r"^template: .*\n", re.MULTILINE)


def export_pages(config_file: Path, out: Path) -> int:
    """Write the plain-Material project for `config_file`'s site to `out`; returns the page count."""
    config = load_config(str(config_file))
    plugin = config.plugins["gongbao"]
    assert isinstance(plugin, GazettePlugin)
    plugin.config.cache = False
    plugin.on_config(config)
    config.plugins._current_plugin = "gongbao"  # what MkDocs sets while a plugin runs an event
    files = plugin.on_files(Files([]), config=config)
    docs = out / "docs"
    pages = 0
    for file in files:
        if file.generated_by is None or not file.src_uri.endswith(".md"):
            continue
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_TEMPLATE_KEY.sub("", file.content_string, count=1), encoding="utf-8")
        pages += 1
    features = "\n".join(f"    - {feature}" for feature in config.theme["features"])
    (out / "mkdocs.yml").write_text(
        f"""site_name: plain Material reference
site_url: https://example.org/
theme:
  name: material
  language: zh
  features:
{features}
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
validation:
  omitted_files: ignore
  unrecognized_links: ignore
  anchors: ignore
""",
        encoding="utf-8",
    )
    return pages
