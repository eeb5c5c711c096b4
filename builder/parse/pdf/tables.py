"""Ruled tables of the text layer, rebuilt from their cell positions.

A table's cells are drawn one after the other, and a cell of several lines breaks any order that
only looks at lines. Where the page draws its grid (thin horizontal and vertical rules that
cross each other), every line inside the grid goes to the cell its center falls in, and each row
of the grid becomes one line with its cells separated by tabs (what the builder reads as a table
row). Pages without ruled grids are left as they are.
"""

from __future__ import annotations

from statistics import median

from builder.parse.pdf.layout import Line

THIN = 3.0  # a rule is at most this thick (points)
SNAP = 2.0  # rules closer than this are one


def page_rules(page, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Thin path objects of a pypdfium2 page: horizontal (x0, x1, y) and vertical (y0, y1, x)
    rules, y downwards."""
    import pypdfium2.raw as raw

    horizontal, vertical = [], []
    for path in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= THIN and right - left > 10:
            horizontal.append((left, right, height - (top + bottom) / 2))
        elif right - left <= THIN and top - bottom > 8:
            vertical.append((height - top, height - bottom, (left + right) / 2))
    return horizontal, vertical


def rebuild_tables(lines: list[Line], horizontal, vertical) -> list[Line]:
    """`lines` with those inside each ruled grid replaced by one line per grid row."""
    for grid in _grids(horizontal, vertical):
        lines = _apply(lines, *grid)
    return lines


def _grids(horizontal, vertical):
    """(xs, ys) of each group of crossing rules with at least 3 of each (2 rows or columns)."""
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    groups: list[set[int]] = []
    for i, (kind, rule) in enumerate(rules):
        touching = [g for g in groups if any(_cross(rule, kind, rules[j][1], rules[j][0]) for j in g)]
        merged = {i}.union(*touching) if touching else {i}
        groups = [g for g in groups if g not in touching] + [merged]
    for group in groups:
        xs = _snap(sorted(rules[i][1][2] for i in group if rules[i][0] == "v"))
        # a row split over two pages has no rule on its cut side: the vertical rules end there
        ys = _snap(
            sorted(
                [rules[i][1][2] for i in group if rules[i][0] == "h"]
                + [end for i in group if rules[i][0] == "v" for end in rules[i][1][:2]]
            )
        )
        if len(xs) >= 2 and len(ys) >= 2 and len(xs) + len(ys) >= 5:
            yield xs, ys


def _cross(a, a_kind, b, b_kind) -> bool:
    if a_kind == b_kind:
        return False
    h, v = (a, b) if a_kind == "h" else (b, a)
    return h[0] - SNAP <= v[2] <= h[1] + SNAP and v[0] - SNAP <= h[2] <= v[1] + SNAP


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _apply(lines: list[Line], xs: list[float], ys: list[float]) -> list[Line]:
    def cell_of(line: Line) -> tuple[int, int] | None:
        x, y = (line.x0 + line.x1) / 2, line.middle
        if not (xs[0] < x < xs[-1] and ys[0] < y < ys[-1]):
            return None
        row = max(i for i, top in enumerate(ys[:-1]) if top <= y)
        column = max(i for i, left in enumerate(xs[:-1]) if left <= x)
        return row, column

    cells: dict[tuple[int, int], list[Line]] = {}
    first = None
    kept: list[Line] = []
    for line in lines:
        cell = cell_of(line)
        if cell is None:
            kept.append(line)
            continue
        cells.setdefault(cell, []).append(line)
        if first is None:
            first = len(kept)
    if first is None:
        return lines
    rows = []
    for row in range(len(ys) - 1):
        texts = [
            "".join(part.text for part in sorted(cells.get((row, column), []), key=lambda part: (part.top, part.x0)))
            for column in range(len(xs) - 1)
        ]
        inside = [part for column in range(len(xs) - 1) for part in cells.get((row, column), [])]
        if not inside:
            continue
        while texts and not texts[-1]:
            texts.pop()
        rows.append(
            Line(
                "\t".join(texts), xs[0], ys[row], xs[-1], ys[row + 1], median(part.size for part in inside), False, True
            )
        )
    return kept[:first] + rows + kept[first:]
