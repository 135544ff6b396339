"""Code the benchmark appends to a notebook, run in the notebook's own kernel after its last cell.

Each probe prints one line of JSON. They find what to report by type, not by variable name, so
renaming a variable in a notebook does not break the benchmark: every `helpers.ResultsTable` in
the kernel's globals, and every panel `helpers.slider_demo` made (IPython keeps each cell's last
value in `Out`).
"""

RUNTIMES = """\
import json, sys
print(json.dumps({"tensorflow": "tensorflow" in sys.modules, "spark": "pyspark" in sys.modules}))
"""

RESULTS = """\
import json
from helpers import ResultsTable
tables = {id(value): value for value in list(globals().values()) if isinstance(value, ResultsTable)}
print(json.dumps([table.records() for table in tables.values()]))  # a table shown by a cell is also _N
"""

# Moves every slider of every panel (integer or selection sliders) through all of its positions,
# `sweeps` times, timing each assignment: that runs the ipywidgets observer (`slider_demo`'s redraw), which calls the
# notebook's draw function and renders the figure to PNG. The browser's part is not included.
SLIDERS = """\
import json, time
sweeps = {sweeps}
panels = [value for value in Out.values() if hasattr(value, "redraw") and hasattr(value, "sliders")]
report = []
for panel in panels:
    for slider in panel.sliders:
        if hasattr(slider, "options"):  # a SelectionSlider: move it by position
            name, values = "index", list(range(len(slider.options)))
        else:
            name, values = "value", list(range(slider.min, slider.max + 1, slider.step or 1))
        start_value = getattr(slider, name)
        seconds, errors = [], 0
        for _ in range(sweeps):
            for value in values:
                began = time.perf_counter()
                setattr(slider, name, value)
                seconds.append(time.perf_counter() - began)
                errors += "Cannot show" in panel.text.value
        setattr(slider, name, start_value)
        png = len(panel.image.value) if panel.image.layout.display != "none" else 0
        report.append(dict(slider=slider.description, positions=len(values), moves=len(seconds),
                           median_ms=1000 * sorted(seconds)[len(seconds) // 2], worst_ms=1000 * max(seconds),
                           png_kb=png / 1024, errors=errors))
print(json.dumps(report))
"""
