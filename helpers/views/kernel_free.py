"""A slider panel's kernel-free copy: its frames precomputed, for pages that have no Python behind them.

`slider_demo` (widgets.py) shows a live panel in JupyterLab. The same output also carries:

- `text/html`: for a panel with one slider, every position's picture (or, past MAX_FRAMES
  positions, MAX_FRAMES of them evenly spread, the ends included) and text, and a plain HTML range
  input whose few lines of inline JavaScript swap them, so the course book, nbviewer and VS Code
  readers move it without a kernel; for a panel of several sliders, its first picture and one line
  saying to run the notebook to use it. Without JavaScript (GitHub) the first picture shows.
- `image/png`: the first picture, for renderers that show no HTML;
- `text/plain`: one line naming the panel, never the widgets' repr.

Frames are palette PNGs (at most 256 colours), a fraction of the size of the live panel's.
"""

from __future__ import annotations

import base64
import html
import io
import json

import ipywidgets as widgets
import numpy as np
import PIL.Image

__all__ = ["MAX_FRAMES", "RUN_TO_USE", "panel_html", "positions", "small_png", "spread", "still_html"]

MAX_FRAMES = 21
RUN_TO_USE = "Run the notebook to use this panel: it needs Python."


def positions(slider) -> list | None:
    """Every value the slider can take (None when it cannot be listed: a free text box, say)."""
    if isinstance(slider, (widgets.SelectionSlider, widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return list(slider._options_values)  # the values behind the labels shown
    if isinstance(slider, widgets.IntSlider):
        return list(range(slider.min, slider.max + 1, slider.step))
    if isinstance(slider, widgets.FloatSlider):
        count = int(round((slider.max - slider.min) / slider.step)) + 1
        return [float(v) for v in np.linspace(slider.min, slider.max, count)]
    return None


def spread(values: list, current) -> list:
    """`values`, or MAX_FRAMES of them evenly spread (first, last and `current` always kept)."""
    if len(values) <= MAX_FRAMES:
        return values
    keep = set(np.linspace(0, len(values) - 1, MAX_FRAMES).round().astype(int).tolist())
    if current in values:
        keep.add(values.index(current))
    return [values[i] for i in sorted(keep)]


def small_png(png: bytes) -> bytes:
    """The picture as a palette PNG (adaptive, up to 256 colours): plots keep their look at a fraction of the size."""
    image = PIL.Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=256, method=PIL.Image.Quantize.FASTOCTREE).save(buffer, format="png")
    return buffer.getvalue()


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _texts_html(strings) -> str:
    return "".join(f"<pre>{html.escape(s)}</pre>" for s in strings)


# Moving the range input shows frame i: its picture in the <img>, its text in the <div>.
_SWAP = (
    "const p=this.closest('.kernel-free-panel'),i=+this.value;"
    "p.querySelector('img').src=JSON.parse(p.dataset.frames)[i];"
    "p.querySelector('.kernel-free-text').innerHTML=JSON.parse(p.dataset.texts)[i];"
    "p.querySelector('output').textContent=JSON.parse(p.dataset.labels)[i];"
)


def panel_html(description: str, labels: list[str], frames: list[tuple[bytes, list[str]]], index: int) -> str:
    """One slider's kernel-free panel: a range input over `frames` (picture, texts), starting at `index`."""
    uris = [_data_uri(png) if png else "" for png, _ in frames]
    texts = [_texts_html(strings) for _, strings in frames]
    data = (
        f"data-frames='{html.escape(json.dumps(uris), quote=True)}' "
        f"data-texts='{html.escape(json.dumps(texts), quote=True)}' "
        f"data-labels='{html.escape(json.dumps(labels), quote=True)}'"
    )
    return (
        f'<div class="kernel-free-panel" {data}>'
        f'<label>{html.escape(description)} <input type="range" min="0" max="{len(frames) - 1}" step="1" '
        f'value="{index}" oninput="{html.escape(_SWAP, quote=True)}"></label> '
        f"<output>{html.escape(labels[index])}</output>"
        f'<div><img alt="{html.escape(description)} = {html.escape(labels[index])}" src="{uris[index]}" '
        'style="max-width:100%"></div>'
        f'<div class="kernel-free-text">{texts[index]}</div></div>'
    )


def still_html(png: bytes | None, strings: list[str]) -> str:
    """A panel that needs Python: its first picture and text, and one line saying how to use it."""
    image = (
        f'<div><img alt="the panel as first drawn" src="{_data_uri(png)}" style="max-width:100%"></div>' if png else ""
    )
    return f'<div class="kernel-free-panel still"><p><em>{RUN_TO_USE}</em></p>{image}{_texts_html(strings)}</div>'
