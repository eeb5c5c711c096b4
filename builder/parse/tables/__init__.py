"""Tables read from text into the model's `Table` (a full-width grid, merged cells as spans).

Four readers, one per way a converter writes a table into one-paragraph-per-line text:

- `grid.read_separated`: rows of tab- or pipe-separated cells (empty cells kept);
- `html.read_html_table`: a whole HTML <table> on one line (OCR-Markdown converters, and the
  PDF reader for the tables it recovers), rowspan/colspan kept;
- `flat.read_flattened`: rows whose cells are set off by single spaces, wrapped cells on lines
  of their own (hard-wrapped text);
- `layout.read_aligned`: rows whose columns are set off by runs of spaces at the same positions
  (`pdftotext -layout`).

Each returns None when its lines do not make a table it can trust: the caller keeps them as
printed (the fallback block), it never guesses a grid.
"""

from builder.parse.tables.flat import read_flattened
from builder.parse.tables.grid import read_separated
from builder.parse.tables.html import read_html_table
from builder.parse.tables.layout import read_aligned

__all__ = ["read_aligned", "read_flattened", "read_html_table", "read_separated"]
