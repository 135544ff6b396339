"""Build the course book: a static HTML site from the stored notebooks, with no kernel and no network.

    python -m book.build            # what `make book` runs: the site in build/book/html/index.html

Steps: copy the stored notebooks (never re-executed: nbval has checked their outputs), README,
GLOSSARY and BENCHMARKS into build/book/source with this folder's conf.py and an index in reading
order; put MathJax 3 (the npm registry's tarball, checked and cached in build/cache) into the site so equations
render offline; then run Sphinx with MyST-NB. Each notebook's page starts with its time budget.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BUILD = ROOT / "build" / "book"
SOURCE, HTML = BUILD / "source", BUILD / "html"
CACHE = ROOT / "build" / "cache"
# MathJax 3 as the npm registry publishes it (fetched with pooch, checked against its SHA-256).
MATHJAX_URL = "https://registry.npmjs.org/mathjax/-/mathjax-3.2.2.tgz"
MATHJAX_SHA256 = "1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09"
PAGES = ("GLOSSARY.md", "BENCHMARKS.md")


def notebooks() -> list[Path]:
    """The course's notebooks in reading order (their numbers)."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def budget_line(path: Path) -> str:
    """One line for the top of a notebook's page: its time budget and where its measured figures are."""
    seconds = tomllib.loads((ROOT / "bench" / "targets.toml").read_text())["seconds"][path.name[:2]]
    return (
        f"*Runs top to bottom in under {seconds} s on a 2-core machine (its budget; measured times in "
        "[the benchmarks](../BENCHMARKS.md)). On this page the outputs are the stored ones: to run the "
        "code and move the panels that need Python, open the notebook in JupyterLab or on Binder "
        "(the rocket button above).*"
    )


def copy_notebook(path: Path, target: Path) -> None:
    """The stored notebook, with its budget line after the title cell's first line."""
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    if first.cell_type == "markdown":
        title, _, rest = first.source.partition("\n")
        first.source = f"{title}\n\n{budget_line(path)}\n{rest}"
    nbformat.write(notebook, target)


def index_page() -> str:
    toc = "\n".join(f"notebooks/{path.stem}" for path in notebooks())
    return f"""# Latent factor recommenders

A self-paced course on latent factor recommenders: truncated SVD and autoencoders on user-item
rating matrices, then doing it right on real data (MovieLens 100K). These pages are the course's
notebooks as stored, with their outputs; every figure on them is what the code produced. To run
them, open them in JupyterLab (`make lab`) or on Binder: the rocket button at the top of each page.

```{{toctree}}
:maxdepth: 1
:caption: Notebooks

{toc}
```

```{{toctree}}
:maxdepth: 1
:caption: Reference

GLOSSARY
BENCHMARKS
README
```
"""


def mathjax() -> Path:
    """MathJax's es5 folder, from the npm registry's tarball (downloaded once into build/cache)."""
    import pooch

    folder = CACHE / "mathjax"
    if not (folder / "tex-mml-chtml.js").is_file():
        tarball = pooch.retrieve(MATHJAX_URL, known_hash=f"sha256:{MATHJAX_SHA256}", path=CACHE, progressbar=False)
        with tarfile.open(tarball) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("package/es5/")]
            archive.extractall(CACHE / "unpacked", members=members, filter="data")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.move(CACHE / "unpacked" / "package" / "es5", folder)
    return folder


def assemble() -> None:
    """Write build/book/source: conf.py, the index, the pages and the notebooks."""
    shutil.rmtree(SOURCE, ignore_errors=True)
    (SOURCE / "notebooks").mkdir(parents=True)
    shutil.copy(BOOK / "conf.py", SOURCE / "conf.py")
    (SOURCE / "index.md").write_text(index_page())
    for page in (*PAGES, "LICENSE", "CITATION.cff"):
        shutil.copy(ROOT / page, SOURCE / page)
    # README's badge is an image on mybinder.org: the book stays offline, so it becomes a plain link.
    readme = (ROOT / "README.md").read_text()
    (SOURCE / "README.md").write_text(re.sub(r"\[!\[([^]]+)\]\([^)]+\)\]\(([^)]+)\)", r"[\1](\2)", readme))
    for path in notebooks():
        copy_notebook(path, SOURCE / "notebooks" / path.name)
    shutil.copytree(mathjax(), SOURCE / "_static" / "mathjax")


def build() -> Path:
    """Assemble the sources and run Sphinx; return the site's index.html."""
    assemble()
    shutil.rmtree(HTML, ignore_errors=True)
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", str(SOURCE), str(HTML)],
        check=True,
        env=env,
    )
    return HTML / "index.html"


if __name__ == "__main__":
    print(f"the course book: {build()}")
