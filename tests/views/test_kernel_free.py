"""slider_demo's kernel-free copy: frames behind a plain range input, a still picture for several sliders."""

from __future__ import annotations

import html
import json
import re

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg")

from helpers import new_figure, slider_demo
from helpers.views import kernel_free


def _drawer():
    figure, (ax,) = new_figure(1)
    line = ax.plot([0, 1], [0, 0])[0]

    def draw(value, *more):
        if value == 13:
            raise ValueError("thirteen is unlucky")
        line.set_ydata([0, value])
        ax.set_ylim(-1, 3001)
        return figure, f"value {value}"

    return draw


def _frames(page: str) -> list[str]:
    return json.loads(html.unescape(re.search(r"data-frames='([^']*)'", page).group(1)))


def test_a_one_slider_panel_carries_every_position_and_starts_at_the_sliders_value():
    panel = slider_demo(_drawer(), widgets.IntSlider(value=3, min=1, max=4, description="rank k"))
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the live panel in JupyterLab
    assert bundle["text/plain"] == "An interactive panel (rank k): run the notebook to move its sliders"
    page = bundle["text/html"]
    assert len(_frames(page)) == 4 and len(set(_frames(page))) == 4  # one picture per position, all different
    assert 'max="3"' in page and 'value="2"' in page and "<output>3</output>" in page
    assert bundle["image/png"]  # the first picture for renderers without HTML


def test_a_long_slider_keeps_at_most_max_frames_with_both_ends_and_its_value():
    panel = slider_demo(_drawer(), widgets.IntSlider(value=990, min=0, max=3000, step=30, description="epoch"))
    page = panel._repr_mimebundle_()["text/html"]
    labels = json.loads(html.unescape(re.search(r"data-labels='([^']*)'", page).group(1)))
    assert len(labels) <= kernel_free.MAX_FRAMES + 1
    assert labels[0] == "0" and labels[-1] == "3000" and "990" in labels


def test_a_position_whose_drawing_fails_shows_its_error_as_text_and_the_live_panel_is_restored():
    panel = slider_demo(_drawer(), widgets.IntSlider(value=12, min=12, max=14, description="k"))
    page = panel._repr_mimebundle_()["text/html"]
    assert "Cannot show k = 13: thirteen is unlucky" in html.unescape(page)
    assert panel.sliders[0].value == 12


def test_a_panel_of_several_sliders_shows_its_first_picture_and_says_to_run_the_notebook():
    panel = slider_demo(_drawer(), widgets.IntSlider(value=1, description="a"), widgets.IntSlider(description="b"))
    bundle = panel._repr_mimebundle_()
    assert kernel_free.RUN_TO_USE in bundle["text/html"] and "<input" not in bundle["text/html"]
    assert "VBox" not in bundle["text/plain"]


def test_selection_sliders_are_labelled_by_their_options():
    slider = widgets.SelectionSlider(options=[("small", 0.1), ("large", 1.0)], value=1.0, description="w0")
    page = slider_demo(lambda value: f"w0 {value}", slider)._repr_mimebundle_()["text/html"]
    labels = json.loads(html.unescape(re.search(r"data-labels='([^']*)'", page).group(1)))
    assert labels == ["small", "large"] and "<output>large</output>" in page


def test_the_progress_bar_says_what_it_is_in_plain_text():
    from helpers import progress_bar

    update = progress_bar(40, "epochs")
    text = update.bar._repr_mimebundle_()["text/plain"]
    assert text == "A progress bar (epochs, 40 in all): it moves while the cell runs"
