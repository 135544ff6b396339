"""The reveal experiment's figure (notebook 04): error against ratings revealed, with bands."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.core.constraints import Optional, Seed, Strings, constrained
from helpers.core.container_constraints import Instance
from helpers.evaluation.reveal import RevealCurves
from helpers.views.plotting import new_figure

__all__ = ["plot_reveal"]


@constrained(
    result=Instance(RevealCurves, "be what reveal_experiment returns"),
    against=Instance(str, "be the name of one of the result's methods", shown=repr),
    methods=Optional(Strings(example="['ALS fold-in', 'masked autoencoder']")),
    seed=Seed(),
)
def plot_reveal(result: RevealCurves, against: str, methods: Sequence[str] | None = None, *, seed=0):
    """Left: each method's RMSE against n revealed, with its 95% band over users. Right: each other
    method's RMSE minus `against`'s at each n, with its paired 95% band (below 0: better than it).

    `methods` (default: all) are the ones drawn; `seed` seeds the resampling. Returns the figure.

    Introduced in notebook 04.
    """
    names = list(result.predictions) if methods is None else list(methods)
    for argument, name in [("against", against), *(("methods", name) for name in names)]:
        if name not in result.predictions:
            raise ValueError(f"{argument} names {name!r}, not one of the result's methods {sorted(result.predictions)}")
    n = np.array(result.n_revealed)
    figure, (ax_rmse, ax_diff) = new_figure(2, width=4.6, height=3.6)
    colours = {name: f"C{j}" for j, name in enumerate(result.predictions)}
    for name in names:
        bands = result.intervals(name, seed=seed)
        ax_rmse.plot(n, [b.estimate for b in bands], "o-", ms=3, color=colours[name], label=name)
        ax_rmse.fill_between(n, [b.low for b in bands], [b.high for b in bands], color=colours[name], alpha=0.15)
        if name == against:
            continue
        gaps = result.differences(name, against, seed=seed)
        ax_diff.plot(n, [g.estimate for g in gaps], "o-", ms=3, color=colours[name])
        ax_diff.fill_between(n, [g.low for g in gaps], [g.high for g in gaps], color=colours[name], alpha=0.2)
    ax_diff.axhline(0, color="black", lw=0.8)
    ax_rmse.set_xlabel("ratings the new user has revealed (n_new)")
    ax_rmse.set_ylabel("RMSE on their held-out ratings")
    ax_rmse.set_title(f"95% bands over {result.n_users} users", fontsize=9)
    ax_diff.set_xlabel("ratings the new user has revealed (n_new)")
    ax_diff.set_ylabel("RMSE difference")
    ax_diff.set_title(f"each method minus {against}\npaired 95% bands; below 0 = better", fontsize=9)
    figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    return figure
