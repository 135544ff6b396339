import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import (figure_png, new_figure, plot_matrix, plot_spectrum, rank_k_view,
                     slider_demo, toy_ratings)


def test_plot_matrix_writes_every_value_and_labels_the_axes():
    figure, (ax,) = new_figure()
    plot_matrix(ax, [[1.0, 2.0], [3.0, np.nan]], "title", row_labels=["a", "b"], col_labels=["x", "y"])
    assert ax.get_title() == "title"
    assert [t.get_text() for t in ax.texts] == ["1.0", "2.0", "3.0", ""]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]


def test_plot_spectrum_highlights_the_kept_values():
    figure, (ax,) = new_figure()
    bars = plot_spectrum(ax, [3.0, 2.0, 1.0], 2)
    colours = [bar.get_facecolor() for bar in bars]
    assert colours[0] == colours[1] != colours[2]


def test_figure_png_is_a_png():
    figure, _ = new_figure()
    assert figure_png(figure)[:8] == b"\x89PNG\r\n\x1a\n"


def test_rank_k_view_reports_the_eckart_young_error():
    draw = rank_k_view(toy_ratings())
    figure, text = draw(2)
    assert isinstance(figure, Figure)
    assert "||R - R_k|| = 5.886" in text and "singular values = 5.886" in text


def test_rank_k_view_rejects_a_rank_outside_the_matrix():
    draw = rank_k_view(toy_ratings())
    with pytest.raises(ValueError, match="between 1 and 4"):
        draw(5)


def test_slider_demo_redraws_on_every_move():
    seen = []
    slider = widgets.IntSlider(value=1, min=1, max=3)
    panel = slider_demo(lambda k: seen.append(k), slider)
    slider.value = 3
    slider.value = 2
    assert seen == [1, 3, 2]
    assert panel.children[0] is slider


def test_slider_demo_rejects_a_non_function_and_a_non_widget():
    with pytest.raises(TypeError, match="draw must be a function"):
        slider_demo("plot", widgets.IntSlider())
    with pytest.raises(TypeError, match="slider must be an ipywidgets value widget"):
        slider_demo(print, 3)


def test_slider_demo_shows_the_figure_and_the_text_and_updates_them():
    draw = rank_k_view(toy_ratings())
    slider = widgets.IntSlider(value=1, min=1, max=4, description="rank k")
    panel = slider_demo(draw, slider)
    _, image, text = panel.children
    first_image, first_text = image.value, text.value
    assert first_image[:4] == b"\x89PNG" and "rank 1" in first_text
    slider.value = 3
    assert image.value != first_image and "rank 3" in text.value


def test_slider_demo_shows_a_readable_message_for_a_bad_value():
    slider = widgets.IntSlider(value=1, min=0, max=9, description="rank k")
    panel = slider_demo(rank_k_view(toy_ratings()), slider)
    slider.value = 9
    assert "Cannot show rank k = 9" in panel.children[2].value
    assert "between 1 and 4" in panel.children[2].value
