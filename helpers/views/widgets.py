"""ipywidgets for the notebooks: a plain drawing function wired to sliders, and a training progress bar."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from functools import partial

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.core.constraints import Callable as IsCallable
from helpers.core.constraints import Checked, Integer, constrained
from helpers.core.validation import check_text, describe
from helpers.views import kernel_free
from helpers.views.plotting import figure_png

__all__ = ["ProgressBar", "SliderPanel", "progress_bar", "slider_demo"]


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
    its parts. Its output also carries a kernel-free copy (helpers/views/kernel_free.py): the
    frames of a one-slider panel behind a plain HTML range input, or a multi-slider panel's
    first picture, so the course book and GitHub show it without Python.

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
    panel = SliderPanel([controls, image, text])
    panel.redraw, panel.sliders, panel.image, panel.text = redraw, sliders, image, text
    panel.draw = draw
    return panel


class SliderPanel(widgets.VBox):
    """slider_demo's panel: a live widget in JupyterLab, with a kernel-free copy for every other reader.

    Introduced in notebook 01.
    """

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        names = ", ".join(control.description or "value" for control in self.sliders)
        try:
            page, first = self._kernel_free()
        except Exception:  # noqa: BLE001 - a draw error is already shown in the live panel
            return bundle
        bundle["text/plain"] = f"An interactive panel ({names}): run the notebook to move its sliders"
        bundle["text/html"] = page
        if first is not None:
            bundle["image/png"] = base64.b64encode(first).decode()
        return bundle

    def _kernel_free(self) -> tuple[str, bytes | None]:
        """(the kernel-free HTML, the first picture as a small PNG): every frame drawn now, off the live panel."""
        current = [control.value for control in self.sliders]
        values = kernel_free.positions(self.sliders[0]) if len(self.sliders) == 1 else None
        try:
            if values is None:
                figures, strings = _shown_parts(self.draw(*current))
                png = kernel_free.small_png(figure_png(figures[0])) if figures else None
                return kernel_free.still_html(png, strings), png
            values = kernel_free.spread(values, current[0])
            frames = [self._frame(value) for value in values]
        finally:
            self.draw(*current)  # the live panel's figure back to the slider's own position
        labels = [_label(self.sliders[0], value) for value in values]
        index = values.index(current[0]) if current[0] in values else 0
        page = kernel_free.panel_html(self.sliders[0].description or "value", labels, frames, index)
        return page, frames[index][0]

    def _frame(self, value) -> tuple[bytes | None, list[str]]:
        """One position's (small PNG, texts); a position whose draw fails shows its error as text."""
        try:
            figures, strings = _shown_parts(self.draw(value))
        except Exception as err:  # noqa: BLE001 - shown as the frame's text, as the live panel shows it
            return None, [f"Cannot show {self.sliders[0].description or 'value'} = {value}: {err}"]
        return (kernel_free.small_png(figure_png(figures[0])) if figures else None), strings


class ProgressBar(widgets.IntProgress):
    """progress_bar's widget: a live bar in JupyterLab, one line of text for every other reader.

    Introduced in notebook 05.
    """

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"A progress bar ({self.description}, {self.max} in all): it moves while the cell runs"
        return bundle


def _label(slider, value) -> str:
    """How the slider names `value` (its option label for a SelectionSlider)."""
    if hasattr(slider, "_options_values"):  # a SelectionSlider, Dropdown...: the label it shows
        return str(slider._options_labels[list(slider._options_values).index(value)])
    return f"{value:g}" if isinstance(value, float) else str(value)


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

    bar = ProgressBar(value=0, min=0, max=total, description=description)
    display(bar)

    def update(epoch: int, *metrics) -> None:
        bar.value = min(int(epoch), total)

    update.bar = bar
    return update
