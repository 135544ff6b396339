"""The helpers package: one list of public names per module, gathered once, and lazy Keras modules."""

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import helpers

MODULES = [
    importlib.import_module(f"helpers.{info.name}")
    for info in pkgutil.iter_modules(helpers.__path__)
    if info.name not in ("neural", "autorec")
]


def test_every_public_function_and_class_of_a_module_is_in_its_all():
    for module in MODULES:
        defined = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__
        }
        assert defined <= set(module.__all__), f"{module.__name__} does not list {defined - set(module.__all__)}"


def test_helpers_all_is_every_course_module_all_and_dir_shows_the_lazy_names():
    course = [m for m in MODULES if m.__name__ not in ("helpers.memory", "helpers.quiet", "helpers.validation")]
    expected = {name for module in course for name in module.__all__} | set(helpers._LAZY_NAMES)
    assert set(helpers.__all__) == expected
    assert set(helpers._LAZY_NAMES) <= set(dir(helpers))


@pytest.mark.slow
def test_lazy_lists_match_the_keras_modules_without_loading_them_first():
    code = (
        "import sys, helpers; assert 'tensorflow' not in sys.modules\n"
        "import helpers.neural as n, helpers.autorec as a\n"
        "assert set(helpers._LAZY['neural']) == set(n.__all__), 'neural'\n"
        "assert set(helpers._LAZY['autorec']) == set(a.__all__), 'autorec'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
