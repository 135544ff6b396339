"""Sphinx configuration of the course book (built by `make book` from the stored notebooks; see build.py)."""

project = "Latent factor recommenders"
author = "The latent-factors-course authors"
copyright = "the course's authors: code MIT, prose and figures CC BY 4.0"

extensions = ["myst_nb", "sphinx_book_theme"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# The stored outputs are what nbval checked: never re-execute.
nb_execution_mode = "off"
# No widget manager from a CDN: a slider's stored output carries its own kernel-free version.
nb_ipywidgets_js = {}
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/vnd.jupyter.widget-state+json", None),
]
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_title = "Latent factor recommenders"
html_static_path = ["_static"]
# MathJax from the npm registry, copied into the site by build.py: the book renders offline.
mathjax_path = "mathjax/tex-mml-chtml.js"
html_theme_options = {
    "repository_url": "https://github.com/latent-factors-course/latent-factors-course",
    "repository_branch": "main",
    "path_to_docs": "",
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "use_repository_button": True,
    "use_download_button": True,
}
html_last_updated_fmt = None
