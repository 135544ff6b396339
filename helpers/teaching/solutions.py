"""Worked solutions that stay hidden until asked for, in every renderer, and never overwrite the learner's work.

Each solution lives in its own file, `notebooks/solutions/<name>.py`, not in the notebook. The
notebook's solution cell is one call, `show_solution("01_rank_k_approximation", globals())`, which

- runs the file in a **copy** of the notebook's variables, so a function the learner wrote keeps
  its name and body after Run All (the solution's own definitions stay in the copy), and
- shows the file's code and what it printed and drew inside a collapsed `<details>` block:
  closed on GitHub, nbviewer, VS Code, Colab, JupyterLab and the course's book alike, until the
  learner clicks "Show the solution". Plain-text renderers get one line saying where the file is.

The tests run every solution file this way, so each one is checked on every run of the course.
"""

from __future__ import annotations

import ast
import base64
import html
import io
import re
from pathlib import Path

from helpers.core.constrained import constrained
from helpers.core.container_constraints import Instance, Mapping

__all__ = ["WorkedSolution", "show_solution", "solution_path"]

SOLUTIONS = Path(__file__).resolve().parents[2] / "notebooks" / "solutions"
SUMMARY = "Show the solution"
_NAME = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")


class WorkedSolution:
    """What `show_solution` returns: displays as a collapsed block (HTML) or one line of text.

    Introduced in notebook 01.
    """

    def __init__(self, name: str, source: str, printed: str, figures: list[bytes], rich: list[dict]):
        self.name, self.source, self.printed, self.figures, self.rich = name, source, printed, figures, rich

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.text()}

    def text(self) -> str:
        return f"A worked solution, hidden: click {SUMMARY!r} in JupyterLab, or read notebooks/solutions/{self.name}.py"

    def html(self) -> str:
        parts = [
            f"<details><summary>{SUMMARY}</summary>",
            f"<pre><code>{html.escape(self.source.rstrip())}</code></pre>",
        ]
        if self.printed:
            parts.append(f"<p>It prints:</p><pre>{html.escape(self.printed.rstrip())}</pre>")
        for data in self.rich:
            if "text/html" in data:
                parts.append(data["text/html"])
            elif "image/png" in data:
                parts.append(f'<img alt="the solution\'s figure" src="data:image/png;base64,{data["image/png"]}">')
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(data['text/plain'])}</pre>")
        for png in self.figures:
            parts.append(
                f'<img alt="the solution\'s figure" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
            )
        parts.append("</details>")
        return "\n".join(parts)


@constrained(name=Instance(str, "name a solution file, e.g. '01_rank_k_approximation'", allow_empty=False, shown=repr))
def solution_path(name: str) -> Path:
    """The file that holds solution `name`: notebooks/solutions/<name>.py.

    Introduced in notebook 01.
    """
    if not _NAME.match(name):
        raise ValueError(
            "name must be a notebook number and a lower-case name joined by '_', e.g. "
            f"'01_rank_k_approximation', got {name!r}"
        )
    path = SOLUTIONS / f"{name}.py"
    if not path.is_file():
        known = sorted(p.stem for p in SOLUTIONS.glob("*.py"))
        raise ValueError(f"there is no solution {name!r} (no file {path}); the solutions are {known}")
    return path


def _figures_since(before: set[int]) -> list[bytes]:
    """PNGs of the Matplotlib figures opened since `before` (their numbers), which are then closed."""
    import matplotlib.pyplot as plt

    pngs = []
    for number in sorted(set(plt.get_fignums()) - before):
        figure = plt.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        pngs.append(buffer.getvalue())
        plt.close(figure)
    return pngs


def _run_like_a_cell(source: str, filename: str, scope: dict):
    """Run `source` in `scope` as a notebook cell runs; return the value of a last bare expression (or None)."""
    tree = ast.parse(source, filename)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), scope)  # the course's own solution file
    return None if last is None else eval(compile(ast.Expression(last.value), filename, "eval"), scope)


@constrained(
    name=Instance(str, "name a solution file, e.g. '01_rank_k_approximation'", allow_empty=False, shown=repr),
    namespace=Mapping("the notebook's variables: pass globals()"),
)
def show_solution(name: str, namespace: dict) -> WorkedSolution:
    """Run solution `name` in a copy of `namespace` (pass `globals()`) and return it, hidden until clicked.

    The learner's own variables and functions are never replaced: the solution sees a copy of
    them and its definitions stay there. Its printed text, displayed objects and figures are shown
    inside the collapsed block with its code. An error in the solution is raised as it is.

    Introduced in notebook 01.
    """
    import matplotlib.pyplot as plt
    from IPython.core.formatters import DisplayFormatter
    from IPython.utils.capture import capture_output

    path = solution_path(name)
    source = path.read_text()
    scope = dict(namespace)  # a shallow copy: rebinding a name here leaves the notebook's binding alone
    before = set(plt.get_fignums())
    with capture_output(display=True) as captured:
        value = _run_like_a_cell(source, str(path), scope)
    figures = _figures_since(before)
    rich = [output.data for output in captured.outputs]
    if value is not None:  # displayed last, as a cell's value is
        rich.append(DisplayFormatter().format(value)[0])
    return WorkedSolution(name, source, captured.stdout, figures, rich)
