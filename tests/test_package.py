"""The helpers package: layers that import only downwards, one list of names, lazy imports, and
docstrings that say which notebook teaches each helper (d2l's "defined in")."""

import ast
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import helpers
from helpers import _stub

PACKAGE = Path(helpers.__file__).resolve().parent
ROOT = PACKAGE.parent
# A module may import from its own layer and the ones below it, never from one above.
LAYER_RANK = {"core": 0, "data": 1, "models": 2, "spark": 2, "evaluation": 3, "views": 4, "teaching": 5}
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)
NOTEBOOK_CODE = {
    path.name[:2]: "\n".join(
        "".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"
    )
    for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
}
# Names no notebook calls directly, and the notebook that teaches what they belong to.
TAUGHT_THROUGH = {
    "Interval": "03", "rmse_interval": "03", "paired_rmse_difference": "03", "verdict": "03",
    "mae_interval": "05", "mean_interval": "05", "paired_mean_difference": "05",
    "block_validation_split": "05", "grid_position": "05",
    "show_solution": "01", "solution_path": "01", "WorkedSolution": "01", "SliderPanel": "01",
    "ProgressBar": "05",
    "ALSShuffle": "06", "AutoRecFit": "05", "EXERCISES": "01", "FactorModel": "03", "FoldIn": "04",
    "JavaNotFoundError": "06", "JavaRuntime": "06", "MovieLensError": "05", "RankingReport": "07",
    "SparkRun": "06", "SparkStartError": "06", "SweepEstimate": "06", "TrainingSnapshots": "02",
    "Verdict": "01", "WeightedModel": "07", "als_block": "06", "build_autorec": "05", "autorec_train_step": "05",
    "catalogue_coverage": "07", "explain_prediction": "04", "figure_png": "01", "find_java": "06",
    "item_of_column": "05", "plot_spectrum": "01", "resample_users": "06", "set_moving_artists": "01",
    "singular_values": "01", "user_of_row": "05", "SVDFactors": "01", "Recommender": "03",
    "EASEModel": "07", "Tuning": "07", "ImplicitModel": "07", "PopularityModel": "04", "fit_popularity": "04",
    "ItemFoldIn": "04", "FeatureRidge": "04",
}  # fmt: skip


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, deferred: bool = True) -> set[str]:
    """The helpers modules `path` imports (absolute or relative), as dotted names.

    deferred=False leaves out imports inside functions: they run on a call, after every module
    has loaded, so they cannot form an import cycle (they still must respect the layers).
    """
    found = set()
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path).rpartition(".")[0]
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree) if deferred else tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if base.startswith("helpers."):
                found.add(base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("helpers.")}
    return found


def test_every_module_sits_in_a_layer_and_imports_only_its_own_layer_or_lower_ones():
    for path in SOURCES:
        layer = _dotted(path).split(".")[1]
        assert layer in LAYER_RANK, f"{path} is in no layer; put it in one of {sorted(LAYER_RANK)}"
        for imported in _imports(path):
            other = imported.split(".")[1]
            assert LAYER_RANK[other] <= LAYER_RANK[layer], (
                f"{_dotted(path)} ({layer}) imports {imported}, a layer above"
            )


def test_the_modules_import_each_other_without_cycles():
    graph = {_dotted(path): {m for m in _imports(path, deferred=False) if m != _dotted(path)} for path in SOURCES}
    state = defaultdict(int)  # 0 unseen, 1 on the current path, 2 done

    def visit(module, path):
        state[module] = 1
        for other in graph.get(module, ()):
            assert state[other] != 1, f"import cycle: {' -> '.join([*path, other])}"
            if state[other] == 0:
                visit(other, [*path, other])
        state[module] = 2

    for module in graph:
        if state[module] == 0:
            visit(module, [module])


def test_no_module_is_longer_than_about_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in SOURCES if (n := len(p.read_text().splitlines())) > 420}
    assert not long, f"split these modules by job: {long}"


def test_the_stub_lazy_loader_reads_is_written_from_the_modules_all():
    assert (PACKAGE / "__init__.pyi").read_text() == _stub.stub_text(), "run `python helpers/_stub.py`"


def test_every_public_function_and_class_of_a_module_is_in_its_all():
    for path in SOURCES:
        tree = ast.parse(path.read_text())
        defined = {
            node.name
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")
        }
        listed = set(_stub._all_of(path))
        assert defined <= listed, f"{_dotted(path)} does not list {defined - listed} in __all__"


def test_helpers_offers_every_course_module_name_and_dir_shows_them():
    expected = {name for names in _stub.module_names().values() for name in names}
    assert set(helpers.__all__) == expected
    assert expected <= set(dir(helpers))


def test_import_helpers_is_quick_and_starts_no_heavy_library():
    code = (
        "import sys, helpers\n"
        "from helpers import fit_als, rank_k_view, check_exercise, start_spark\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'pyspark') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def _taught_in(name: str) -> str:
    users = [number for number, code in NOTEBOOK_CODE.items() if re.search(rf"\b{name}\b", code)]
    return users[0] if users else TAUGHT_THROUGH[name]


@pytest.mark.parametrize("name", sorted(helpers.__all__))
def test_every_public_helper_names_the_notebook_that_teaches_it(name):
    value = getattr(helpers, name)
    if not callable(value):
        return  # a constant: its module's docstring says where it is used
    doc = value.__doc__ or ""
    expected = _taught_in(name)
    assert f"Introduced in notebook {expected}" in doc, (
        f"{name}'s docstring should say 'Introduced in notebook {expected}.'"
    )


@pytest.mark.parametrize("name", sorted(helpers.__all__))
def test_every_public_helper_is_used_by_a_notebook_or_a_test(name):
    tests = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("test_*.py"))
    used = any(re.search(rf"\b{name}\b", code) for code in NOTEBOOK_CODE.values()) or re.search(rf"\b{name}\b", tests)
    assert used, f"{name} is public but neither a notebook nor a test uses it: remove it or test it"


@pytest.mark.slow
def test_the_keras_modules_load_on_first_use_only():
    code = (
        "import sys, helpers; assert 'tensorflow' not in sys.modules\n"
        "helpers.build_autoencoder; assert 'tensorflow' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
