"""Slider views of the MovieLens notebooks that put results side by side: each recommender's
top-n list for a new user's ratings (notebook 05), two measures against one setting (notebook 07).

As in `helpers.views.sliders`, each view prepares everything once and returns a plain `draw`
for `helpers.views.widgets.slider_demo`; the learner can call `draw` directly too.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from helpers.core.constraints import (
    Checked,
    Flag,
    Indices,
    Integer,
    Mask,
    Optional,
    Real,
    Strings,
    Vector,
    constrained,
)
from helpers.core.validation import (
    check_float,
    check_function_dict,
    check_indices,
    check_int,
    check_mask,
    check_text,
    check_vector,
    describe,
)
from helpers.models.recommend import top_k_items
from helpers.views.plotting import _freeze_layout, new_figure

__all__ = ["recommendation_view", "tradeoff_view"]


@constrained(
    side_by_side=Flag(),
    titles=Strings(example="['Toy Story (1995)', ...]"),
    panel_items=Indices(),
    recommenders=Checked(partial(check_function_dict, returns="one score per title"), "a dict of functions"),
    fallback_scores=Vector(what="scores"),
    among=Optional(Mask()),
    n=Integer(low=1, deferred=True),
    exclude_panel=Flag(),
)
def recommendation_view(
    titles,
    panel_items,
    recommenders: dict,
    fallback_scores,
    *,
    among=None,
    n: int = 10,
    side_by_side: bool = False,
    exclude_panel: bool = True,
):
    """Return draw(*ratings) -> text: top-`n` lists from each recommender for ratings of `panel_items`.

    `recommenders[name](items, ratings)` scores every item; a rating of 0 means "not rated".
    Rated items are never recommended back, nor items outside `among` (a boolean mask, e.g.
    enough ratings). exclude_panel=True (the default) also keeps the panel's unrated items out of
    every list; exclude_panel=False lets them in, so a film you have not rated can be recommended.
    With no ratings at all, one list ranked by `fallback_scores` (e.g. damped mean ratings) is
    shown instead. side_by_side=True puts the lists in columns, to compare them.

    Introduced in notebook 05.
    """
    panel_items = check_indices(panel_items, "panel_items", len(titles), allow_empty=False, unique=True)
    if fallback_scores.shape != (len(titles),):
        raise ValueError(f"fallback_scores must have one score per title ({len(titles)}), got {fallback_scores.shape}")
    outside = np.zeros(len(titles), dtype=bool) if among is None else ~check_mask(among, (len(titles),), "among")
    excluded = outside.copy()
    excluded[panel_items] = True  # the most a list can lose (every panel film rated): n must fit in the rest
    n = check_int(n, "n", low=1, high=len(titles) - int(excluded.sum()))
    if not exclude_panel:
        excluded = outside

    def draw(*ratings):
        ratings = check_vector(ratings, "ratings", what="ratings (0 = not rated)", allow_empty=True)
        if ratings.shape != panel_items.shape:
            raise ValueError(f"give one rating (0 = not rated) for each of the {panel_items.size} films")
        rated = ratings != 0
        items, given = panel_items[rated], ratings[rated]
        exclude = excluded.copy()
        exclude[items] = True
        exclude = exclude[None, :]
        if not items.size:
            best = top_k_items(fallback_scores[None, :], n, exclude=exclude)[0]
            return "You have rated nothing yet, so here is what most people rate well:\n" + "\n".join(
                f"  {rank:2d}. {titles[i]}" for rank, i in enumerate(best, start=1)
            )
        sections = []
        for name, recommend in recommenders.items():
            scores = recommend(items, given)
            if np.shape(scores) != (len(titles),):
                raise ValueError(
                    f"recommenders[{name!r}] must return one score per title ({len(titles)}), got {describe(scores)}"
                )
            scores = check_vector(scores, f"the scores of recommenders[{name!r}]", what="scores")
            best = top_k_items(scores[None, :], n, exclude=exclude)[0]
            sections.append(
                [f"{name}:"] + [f"{rank:2d}. {titles[i]} ({scores[i]:.2f})" for rank, i in enumerate(best, 1)]
            )
        if not side_by_side:
            return "\n\n".join("\n  ".join(section) for section in sections)
        width = max(len(line) for section in sections for line in section) + 3
        return "\n".join("".join(line.ljust(width) for line in row).rstrip() for row in zip(*sections))

    return draw


@constrained(
    values=Vector(what="settings"),
    first=Vector(what="measurements"),
    second=Vector(what="measurements"),
    value_name=Checked(check_text, "a string"),
    first_name=Checked(check_text, "a string"),
    second_name=Checked(check_text, "a string"),
    chosen=Optional(Real()),
)
def tradeoff_view(values, first, second, *, value_name: str, first_name: str, second_name: str, chosen=None):
    """Return draw(value) -> (figure, text): two measures against a setting, side by side, the value marked.

    `first[i]` and `second[i]` were measured at `values[i]` (computed beforehand, so a slider over
    the values only redraws). `chosen`, one of `values`, is marked on both curves (e.g. the
    setting picked on validation ratings). The x axis is symmetric-log, so 0 and 0.001 both show.

    Introduced in notebook 07.
    """
    if not (values.shape == first.shape == second.shape):
        raise ValueError(
            f"values, first and second need one entry each per setting, got {values.size}, "
            f"{first.size} and {second.size}"
        )
    if chosen is not None and not np.isclose(values, chosen).any():
        raise ValueError(f"chosen must be one of values {values.tolist()} (or None), got {chosen}")
    figure, axes = new_figure(2, width=4.0, height=3.0)
    markers = []
    positive = values[values > 0]
    linthresh = positive.min() if positive.size else 1.0
    for ax, measure, name, colour in (
        (axes[0], first, first_name, "tab:red"),
        (axes[1], second, second_name, "tab:blue"),
    ):
        ax.plot(values, measure, "o-", color=colour, markersize=4)
        ax.set_xscale("symlog", linthresh=linthresh)
        ax.set_xlabel(value_name)
        ax.set_ylabel(name)
        if chosen is not None:
            ax.axvline(chosen, color="gray", linestyle=":", label="chosen on validation")
            ax.legend(fontsize=8)
        (marker,) = ax.plot([values[0]], [measure[0]], "o", color="black", markersize=9, fillstyle="none")
        markers.append(marker)
    _freeze_layout(figure, markers, retitled=axes)

    def draw(value):
        check_float(value, value_name)
        matches = np.flatnonzero(np.isclose(values, value))
        if matches.size == 0:
            raise ValueError(f"{value_name} must be one of the measured values {values.tolist()}, got {value}")
        i = int(matches[0])
        for marker, measure, ax, name in zip(markers, (first, second), axes, (first_name, second_name)):
            marker.set_data([values[i]], [measure[i]])
            ax.set_title(f"{name} at {value_name} = {values[i]:g}: {measure[i]:.3f}")
        return figure, f"{value_name} = {values[i]:g}: {first_name} {first[i]:.3f}, {second_name} {second[i]:.3f}"

    return draw
