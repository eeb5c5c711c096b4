"""Stage 3c, segment a document body into blocks: paragraphs re-joined, headings, tables, closing.

Runs per document on its live lines (noise already dropped), in three steps:

1. `classify`: each line gets a role (heading, table row, date, label, roster line, text …) from
   its own text and, for hard-wrapped pages, from how full it is compared with the margin of its
   column; runs of narrow table-cell fragments are marked as such;
2. `join`: runs of text lines are re-joined into paragraphs, a roster line with its wrapped
   post (see `_joins`);
3. `assemble`: roles become `Block`s: recipients, headings by outline number, attachment
   titles, tables (or, when a table cannot be placed, its printed lines), and the
   signature-and-date closing block.

Nothing is dropped here except table header rows repeated at page breaks.
"""

from __future__ import annotations

from builder.model import Block
from builder.parse.blocks.assemble import assemble
from builder.parse.blocks.classify import classify, mark_narrow_cells, merge_vertical_cells
from builder.parse.blocks.join import join
from builder.parse.cleaning.lines import SourceLine


def build_blocks(lines: list[SourceLine], *, expect_recipients: bool) -> list[Block]:
    """Blocks of a document body from its live lines (title and 文号 lines excluded)."""
    units = classify(merge_vertical_cells([line for line in lines if line.live]))
    mark_narrow_cells(units)
    units = join(units)
    return assemble(units, expect_recipients=expect_recipients)
