"""Write `helpers/__init__.pyi`, the list of names `from helpers import ...` offers, from the modules' `__all__`.

`python helpers/_stub.py` after adding or removing a public helper; tests/test_package.py fails
while the stub and the modules disagree. The stub is read by lazy_loader (each name's module is
imported on first use) and by editors and type checkers.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LAYERS = ("core", "data", "models", "evaluation", "views", "teaching", "spark")  # lowest first
# used by the helpers, not the notebooks
INTERNAL = {
    "core.constrained",
    "core.constraints",
    "core.container_checks",
    "core.container_constraints",
    "core.index_constraints",
    "core.memory",
    "core.quiet",
    "core.scalar_checks",
    "core.validation",
    "data.movielens_integrity",
    "views.kernel_free",
}
HEADER = (
    "# The names `from helpers import ...` offers, module by module, layer by layer.\n"
    "# Written by `python helpers/_stub.py` from each module's __all__; do not edit by hand.\n"
)


def module_names() -> dict[str, list[str]]:
    """{"models.svd": [its __all__], ...} for every course module, read without importing any."""
    found = {}
    for layer in LAYERS:
        for path in sorted((PACKAGE / layer).glob("*.py")):
            dotted = f"{layer}.{path.stem}" if path.stem != "__init__" else layer
            if dotted in INTERNAL or (layer == "spark" and path.stem != "__init__"):
                continue  # helpers.spark re-exports its modules' names itself
            names = _all_of(path)
            if names:
                found[dotted] = names
    return found


def _all_of(path: Path) -> list[str]:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return sorted(ast.literal_eval(node.value))
    return []


def stub_text() -> str:
    lines = [HEADER]
    for dotted, names in module_names().items():
        lines += [f"from .{dotted} import {name} as {name}\n" for name in names]
    return "".join(lines)


if __name__ == "__main__":
    (PACKAGE / "__init__.pyi").write_text(stub_text())
