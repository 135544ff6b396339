"""Interactive demos: a plain drawing function wired to an ipywidgets slider."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
from matplotlib.figure import Figure

from .plotting import figure_png


def slider_demo(draw: Callable, slider: widgets.Widget) -> widgets.VBox:
    """Show `draw(slider.value)` under `slider` and redraw whenever the slider moves.

    `draw` returns a Figure (shown as an image), a string (shown as text), a tuple of those,
    or None. A ValueError or TypeError from `draw` is shown as a readable message instead of
    a traceback. The panel holds only widgets (no captured output), so it updates in place.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function of the slider's value, got {type(draw).__name__}")
    if not isinstance(slider, widgets.ValueWidget):
        raise TypeError(f"slider must be an ipywidgets value widget (e.g. IntSlider), got {type(slider).__name__}")
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    text = widgets.HTML()

    def redraw(change=None):
        try:
            result = draw(slider.value)
        except (ValueError, TypeError) as err:
            text.value = f"<pre>Cannot show {html.escape(slider.description or 'value')} = {slider.value}: {html.escape(str(err))}</pre>"
            return
        items = result if isinstance(result, tuple) else (result,)
        figures = [item for item in items if isinstance(item, Figure)]
        strings = [str(item) for item in items if item is not None and not isinstance(item, Figure)]
        image.layout.display = None if figures else "none"
        if figures:
            image.value = figure_png(figures[0])
        text.value = "".join(f"<pre>{html.escape(s)}</pre>" for s in strings)

    slider.observe(redraw, names="value")
    redraw()
    panel = widgets.VBox([slider, image, text])
    panel.redraw = redraw
    return panel
