"""Ruled tables of the text layer, rebuilt from their rules: cells with their spans.

A table's cells are drawn one after the other, and a cell of several lines breaks any order that
only looks at lines. Where the page draws its grid (thin horizontal and vertical rules that cross
each other), the rules' positions cut the grid into slots; two neighbouring slots with no rule
between them are one merged cell (rowspan/colspan). Every line inside the grid goes to the cell
its center falls in, and the grid replaces those lines as one `Line` carrying the `Grid`
(builder.parse.pdf.grids turns it into HTML once tables cut by a page or column end are stitched).
Pages without ruled grids are left as they are.
"""

from __future__ import annotations

from builder.parse.pdf.grids import Cell, Grid, cell_text, grid_line
from builder.parse.pdf.layout import Line

THIN = 3.0  # a rule is at most this thick (points)
SNAP = 2.0  # rules closer than this are one
SLIVER = 4.0  # a row or column thinner than this is two rules' ends not quite meeting


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


def rebuild_tables(lines: list[Line], horizontal, vertical, page: int = 0) -> list[Line]:
    """`lines` with those inside each ruled grid replaced by one line holding the grid."""
    for xs, ys, group_h, group_v in _grids(horizontal, vertical):
        lines = _apply(lines, xs, ys, group_h, group_v, page)
    return lines


def _grids(horizontal, vertical):
    """(xs, ys, its horizontal rules, its vertical rules) of each group of crossing rules with
    at least 2 rows or columns."""
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    groups: list[set[int]] = []
    for i, (kind, rule) in enumerate(rules):
        touching = [g for g in groups if any(_cross(rule, kind, rules[j][1], rules[j][0]) for j in g)]
        merged = {i}.union(*touching) if touching else {i}
        groups = [g for g in groups if g not in touching] + [merged]
    for group in groups:
        group_h = [rules[i][1] for i in group if rules[i][0] == "h"]
        group_v = [rules[i][1] for i in group if rules[i][0] == "v"]
        xs = _snap(sorted([rule[2] for rule in group_v] + [end for rule in group_h for end in rule[:2]]))
        # a row split over two pages has no rule on its cut side: the vertical rules end there
        ys = _snap(sorted([rule[2] for rule in group_h] + [end for rule in group_v for end in rule[:2]]))
        if len(xs) >= 2 and len(ys) >= 2 and len(xs) + len(ys) >= 5:
            yield xs, ys, group_h, group_v


def _cross(a, a_kind, b, b_kind) -> bool:
    if a_kind == b_kind:
        return False
    h, v = (a, b) if a_kind == "h" else (b, a)
    return h[0] - SNAP <= v[2] <= h[1] + SNAP and v[0] - SNAP <= h[2] <= v[1] + SNAP


def _snap(values: list[float]) -> list[float]:
    """Positions closer than `SLIVER` are one (the first of them, the rule's outer side kept)."""
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > SLIVER:
            out.append(value)
    return out


def _ruled_v(x: float, y0: float, y1: float, vertical) -> bool:
    middle = (y0 + y1) / 2
    return any(abs(rule[2] - x) <= SLIVER and rule[0] - SNAP <= middle <= rule[1] + SNAP for rule in vertical)


def _ruled_h(y: float, x0: float, x1: float, horizontal) -> bool:
    middle = (x0 + x1) / 2
    return any(abs(rule[2] - y) <= SLIVER and rule[0] - SNAP <= middle <= rule[1] + SNAP for rule in horizontal)


def _cells(xs, ys, horizontal, vertical) -> list[tuple[int, int, int, int]]:
    """Slots joined where no rule parts them: (row, column, rowspan, colspan) of each cell."""
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not _ruled_v(xs[c + 1], ys[r], ys[r + 1], vertical):
                parent[find(r * columns + c + 1)] = find(r * columns + c)
            if r + 1 < rows and not _ruled_h(ys[r + 1], xs[c], xs[c + 1], horizontal):
                parent[find((r + 1) * columns + c)] = find(r * columns + c)
    boxes: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(columns):
            box = boxes.setdefault(find(r * columns + c), [r, c, r, c])
            box[2], box[3] = max(box[2], r), max(box[3], c)
    return sorted((r0, c0, r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in boxes.values())


def _apply(lines: list[Line], xs, ys, horizontal, vertical, page: int) -> list[Line]:
    boxes = _cells(xs, ys, horizontal, vertical)
    inside: dict[int, list[Line]] = {}
    kept: list[Line] = []
    first = None
    for line in lines:
        x, y = (line.x0 + line.x1) / 2, line.middle
        found = None
        if line.grid is None and xs[0] < x < xs[-1] and ys[0] < y < ys[-1]:  # not another grid's line
            for index, (r, c, rs, cs) in enumerate(boxes):
                if xs[c] <= x <= xs[c + cs] and ys[r] <= y <= ys[r + rs]:
                    found = index
                    break
        if found is None:
            kept.append(line)
            continue
        inside.setdefault(found, []).append(line)
        if first is None:
            first = len(kept)
    if first is None:
        return lines
    cells = [
        Cell(r, c, rs, cs, cell_text(inside.get(index, [])), _bold(inside.get(index, [])))
        for index, (r, c, rs, cs) in enumerate(boxes)
    ]
    row_tops = ys[:-1]
    bottom_ruled = all(_ruled_h(ys[-1], xs[c], xs[c + 1], horizontal) for c in range(len(xs) - 1))
    top_ruled = all(_ruled_h(ys[0], xs[c], xs[c + 1], horizontal) for c in range(len(xs) - 1))
    grid = Grid(
        page, list(xs), ys[0], ys[-1], len(row_tops), cells, open_top=not top_ruled, open_bottom=not bottom_ruled
    )
    grid.compact()
    sizes = [line.size for group in inside.values() for line in group]
    return [*kept[:first], grid_line(grid, sorted(sizes)[len(sizes) // 2]), *kept[first:]]


def _bold(lines: list[Line]) -> bool:
    return bool(lines) and all(line.bold for line in lines)
