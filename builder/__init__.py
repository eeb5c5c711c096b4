"""gongbao's builder: a raw gazette issue in, a structured `Issue` out.

The data flows through modules named after their stage:

    read      bytes on disk -> decoded source lines          (reading.py)
    clean     mark noise, repair text, keep line numbers     (cleaning/)
    segment   table of contents, document boundaries         (toc.py, segment.py)
    extract   per-document and per-issue metadata           (extract.py, issue_meta.py)
    render    Markdown with YAML front matter                (render.py)

`parse_issue` runs the first four; `render.render_document` the last.
"""

from builder.pipeline import parse_issue, parse_text

__all__ = ["parse_issue", "parse_text"]
__version__ = "0.1.0"
