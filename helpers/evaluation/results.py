"""A results table that a notebook fills as it goes: one row per method, shown best first."""

from __future__ import annotations

import numbers

import pandas as pd

from helpers.core.constraints import Integer, constrained
from helpers.core.container_constraints import Instance
from helpers.core.timing import format_seconds

__all__ = ["ResultsTable"]


class ResultsTable:
    """Each method's scores, collected as a notebook goes and shown as one table sorted by `sort_by`.

    `table.add("masked ALS", RMSE=0.93, MAE=0.73, seconds=0.6, settings="k=50")` stores a row and
    prints it on one line; the table itself displays as a pandas DataFrame (`table.frame()`),
    best first (`ascending=True` for errors, False for scores such as NDCG), with fit times
    written like "0.60 s". `table["masked ALS"]["RMSE"]` reads a score back.

    Introduced in notebook 03.
    """

    @constrained(
        sort_by=Instance(str, "name a score column such as 'RMSE'", allow_empty=False, shown=repr),
        ascending=Instance(bool, "be True or False", shown=repr),
        decimals=Integer(low=0, high=15),  # a float has about 15 significant digits
    )
    def __init__(self, sort_by: str, *, ascending: bool = True, decimals: int = 3):
        self.sort_by, self.ascending, self.decimals = sort_by, ascending, decimals
        self.rows: dict[str, dict] = {}

    @constrained(method=Instance(str, "be a non-empty name", allow_empty=False, shown=repr))
    def add(self, method: str, *, seconds: float | None = None, settings: str | None = None, **scores) -> None:
        """Store (or replace) the row of `method` and print it: its scores, fit time and settings."""
        if self.sort_by not in scores:
            raise ValueError(f"add needs the score this table sorts by, {self.sort_by}=..., got {sorted(scores)}")
        for name, value in scores.items():
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"score {name} must be a number, got {value!r}")
        row = {name: float(value) for name, value in scores.items()}
        if seconds is not None:
            row["fit time"] = float(seconds)
        if settings is not None:
            row["settings"] = str(settings)
        self.rows[method] = row
        print(f"{method}: " + ", ".join(self._format(name, value) for name, value in row.items()))

    def _format(self, name: str, value) -> str:
        if name == "fit time":
            return f"fit {format_seconds(value)}"
        if name == "settings":
            return value
        return f"{name} {value:.{self.decimals}f}"

    def __getitem__(self, method: str) -> dict:
        if method not in self.rows:
            raise KeyError(f"no row named {method!r}; the table has {sorted(self.rows) or 'no rows yet'}")
        return self.rows[method]

    def __contains__(self, method: str) -> bool:
        return method in self.rows

    def best(self) -> str:
        """The method with the best `sort_by` score."""
        if not self.rows:
            raise ValueError("the table is empty: add a row with table.add(...) before asking for the best")
        pick = min if self.ascending else max
        return pick(self.rows, key=lambda method: self.rows[method][self.sort_by])

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame of text, best first, numbers rounded and fit times written as seconds."""
        if not self.rows:  # nothing added yet: an empty table with the column it will sort by
            return pd.DataFrame(columns=[self.sort_by], index=pd.Index([], name="method"))
        frame = pd.DataFrame.from_dict(self.rows, orient="index")
        frame = frame.sort_values(self.sort_by, ascending=self.ascending, kind="stable")
        scores = [column for column in frame.columns if column not in ("fit time", "settings")]
        for column in scores:  # written out, so every number shows the same decimals (a missing one as blank)
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else f"{v:.{self.decimals}f}")
        if "fit time" in frame:
            # one width for every time, so the table's layout does not change with the machine's speed
            frame["fit time"] = frame["fit time"].map(lambda s: "" if pd.isna(s) else format_seconds(s).rjust(9))
        frame.index.name = "method"
        return frame.fillna("")

    def records(self) -> list[dict]:
        """The rows as plain dicts with a "method" key, in the order they were added (for the benchmark)."""
        return [{"method": method, **row} for method, row in self.rows.items()]

    def _repr_html_(self) -> str:
        return self.frame().to_html()

    def __repr__(self) -> str:
        return self.frame().to_string()
