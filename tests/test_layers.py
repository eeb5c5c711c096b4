"""The package graph follows the data: no import runs from a lower layer to a higher one, and no
module imports itself back through others (builder/__init__.py lists the layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "builder"

#: lowest first; a module may import from its own layer and the layers before it
LAYERS = [
    ("builder.model", "builder.errors"),
    ("builder.patterns", "builder.text", "builder.yamlfile", "builder.render"),
    ("builder.parse",),
    ("builder.content",),
    ("builder.search",),
    ("builder.site",),
    ("builder.commands",),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:` (annotations only, never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def builder_imports(path: Path, type_only: bool = False) -> set[str]:
    """Every builder module the file imports when it runs, at module level or inside functions;
    with `type_only`, also those it imports for annotations only (under `if TYPE_CHECKING:`)."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree) if type_only else _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("builder"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("builder"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                names.add(candidate if MODULES.get(candidate) else node.module)
    return names


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}
GRAPH = {name: builder_imports(path) for name, path in MODULES.items()}
#: with the imports made for annotations only: a cycle there still ties two modules together
FULL_GRAPH = {name: builder_imports(path, type_only=True) for name, path in MODULES.items()}


def layer_of(module: str) -> int | None:
    for index, prefixes in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return index
    return None


def test_every_module_has_a_layer():
    assert [name for name in MODULES if name != "builder" and layer_of(name) is None] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_upward(module):
    own = layer_of(module)
    if own is None:  # the package root imports nothing
        assert GRAPH[module] == set()
        return
    upward = sorted(target for target in GRAPH[module] if (layer_of(target) or 0) > own)
    assert upward == [], f"{module} (layer {own}) imports a higher layer: {upward}"


def test_no_import_cycle():
    """Not even through imports made for annotations only (`if TYPE_CHECKING:`)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(FULL_GRAPH.get(name, ())):
            target = target if target in MODULES else target.rpartition(".")[0]
            if target not in MODULES or target == name:
                continue
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in MODULES:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_layers_are_ordered_by_what_they_import():
    """The layer table itself is honest: each layer imports the one below it somewhere."""
    used = {layer_of(t) for name in MODULES for t in GRAPH[name] if layer_of(name) == 2}
    assert 0 in used  # parse builds the model


def test_patterns_import_only_the_model():
    """builder.patterns is the bottom of the graph beside the model: every layer may use it."""
    outside = {
        target
        for name in MODULES
        if name.startswith("builder.patterns")
        for target in GRAPH[name]
        if target != "builder.model" and not target.startswith("builder.patterns")
    }
    assert outside == set()


def test_the_parse_layer_compiles_no_pattern_of_its_own():
    """What the gazette's text looks like is said once, in builder.patterns (its docstring says
    which patterns of output and search live elsewhere)."""
    compiled = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if name.startswith("builder.parse")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "re.compile"
    ]
    assert compiled == []
