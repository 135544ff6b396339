"""How the benchmark prints: section headings and tables of rows."""

from __future__ import annotations

import pandas as pd


def heading(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 96 - len(title)), flush=True)


def show(rows: list[dict], columns: dict[str, str]) -> None:
    """Print `rows` as a table of `columns` ({name: format such as '.3f', or '' for text})."""
    frame = pd.DataFrame(rows)[list(columns)]
    formatters = {name: (lambda v, f=fmt: "-" if pd.isna(v) else format(v, f)) for name, fmt in columns.items() if fmt}
    print(frame.to_string(index=False, formatters=formatters, na_rep="-"), flush=True)
