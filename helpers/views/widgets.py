"""ipywidgets for the notebooks: a plain drawing function wired to sliders, and a training progress bar."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.core.constraints import Callable as IsCallable
from helpers.core.constraints import Checked, Integer, constrained
from helpers.core.validation import check_text, describe
from helpers.views.plotting import figure_png

__all__ = ["progress_bar", "slider_demo"]


def _check_slider(control):
    """`control` if it is an ipywidgets value widget (a slider, a dropdown, ...)."""
    if not isinstance(control, widgets.ValueWidget):
        raise TypeError(f"slider must be an ipywidgets value widget (e.g. IntSlider), got {describe(control)}")
    return control


@constrained(draw=IsCallable("a function of the slider's value"), slider=Checked(_check_slider, "a slider"))
def slider_demo(draw: Callable, slider: widgets.Widget, *more_sliders: widgets.Widget) -> widgets.VBox:
    """Show `draw(slider.value, ...)` under the slider(s) and redraw whenever one moves.

    `draw` returns a Figure (shown as an image), a string (shown as text), a tuple of those,
    or None. Any exception from `draw` (the learner's code or the course's) is shown in the
    panel as one readable line, never a traceback, and the previous figure is hidden so that
    nothing stale looks current. The panel holds only widgets (no captured output), so it
    updates in place; `panel.sliders`, `panel.image`, `panel.text` and `panel.redraw()` reach
    its parts.

    Introduced in notebook 01.
    """
    sliders = (slider, *(_check_slider(control) for control in more_sliders))
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    text = widgets.HTML()

    def show_error(err: Exception) -> None:
        settings = ", ".join(f"{c.description or 'value'} = {c.value}" for c in sliders)
        kind = "" if isinstance(err, (ValueError, TypeError)) else f"{type(err).__name__}: "
        text.value = f"<pre>Cannot show {html.escape(settings)}: {html.escape(kind + str(err))}</pre>"
        image.layout.display = "none"

    def redraw(change=None):
        try:
            figures, strings = _shown_parts(draw(*(control.value for control in sliders)))
            png = figure_png(figures[0]) if figures else None
        except Exception as err:  # noqa: BLE001 - whatever draw raises is shown in the panel, not as a traceback
            show_error(err)
            return
        if png is not None:
            image.value = png
        image.layout.display = None if png is not None else "none"
        text.value = "".join(f"<pre>{html.escape(s)}</pre>" for s in strings)

    for control in sliders:
        control.observe(redraw, names="value")
    redraw()
    controls = (
        sliders[0]
        if len(sliders) == 1
        else widgets.GridBox(list(sliders), layout=widgets.Layout(grid_template_columns="repeat(2, max-content)"))
    )
    panel = widgets.VBox([controls, image, text])
    panel.redraw, panel.sliders, panel.image, panel.text = redraw, sliders, image, text
    return panel


def _shown_parts(result) -> tuple[list, list]:
    """(figures, strings) of what a draw function returned; a TypeError for anything it cannot show."""
    items = result if isinstance(result, tuple) else (result,)
    figures = [item for item in items if isinstance(item, Figure)]
    for item in items:
        if item is not None and not isinstance(item, (Figure, str)):
            hint = " (for an Axes, return ax.figure)" if hasattr(item, "figure") else ""
            raise TypeError(
                f"draw returned {describe(item)}; it should return a matplotlib Figure, a string, a tuple of "
                f"those, or None{hint}"
            )
    if len(figures) > 1:
        raise TypeError(f"draw returned {len(figures)} figures; return one (draw both plots in one figure)")
    return figures, [item for item in items if isinstance(item, str)]


@constrained(total=Integer(low=1), description=Checked(partial(check_text, example="'epochs'"), "a string"))
def progress_bar(total: int, description: str = "epochs") -> Callable:
    """Show a progress bar widget here and return its update function, progress(epoch, *metrics).

    Pass it to a fitting helper, `fit_autorec(..., progress=progress_bar(max_epochs))`: the model
    code reports each epoch through this callback and never touches widgets itself. A bar, not
    printed lines, so a notebook's stored output stays the same from run to run.

    Introduced in notebook 05.
    """
    from IPython.display import display

    bar = widgets.IntProgress(value=0, min=0, max=total, description=description)
    display(bar)

    def update(epoch: int, *metrics) -> None:
        bar.value = min(int(epoch), total)

    update.bar = bar
    return update
