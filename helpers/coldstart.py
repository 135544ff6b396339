"""Cold start: a small synthetic "movie" data set with real taste in it, and the reveal-n experiment."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .factorization import FactorModel, fold_in_user
from .plotting import new_figure
from .validation import check_float, check_int, check_mask, check_matrix, check_seed

TASTE_ITEMS = (
    "Star Pilots", "Robot Uprising", "Alien Signal", "Laser Heist", "Moon Base",          # science fiction
    "Paris Letters", "Summer Wedding", "Second Chances", "Love in Rome", "The Proposal",  # romance
)


def taste_ratings(n_users: int = 300, *, observed_fraction: float = 0.5, noise: float = 0.5,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Ratings 1..5 of the ten TASTE_ITEMS by `n_users` users who like science fiction, romance, or both.

    Each user has a taste for each genre (standard normal) and a rating is
    3 + taste . genre + small user and item biases + N(0, noise^2), rounded and clipped to 1..5.
    Returns (ratings, observed): NaN where not observed, and the observed mask (each cell kept
    with probability `observed_fraction`, at least one rating per user).
    """
    n_users = check_int(n_users, "n_users", low=1)
    observed_fraction = check_float(observed_fraction, "observed_fraction", low=0.01, high=1.0)
    noise = check_float(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    genres = np.repeat(np.eye(2), 5, axis=0)                      # item x genre: 5 sci-fi, 5 romance
    tastes = rng.normal(size=(n_users, 2))                        # user x genre
    scores = (3 + tastes @ genres.T + rng.normal(scale=0.3, size=(n_users, 1))
              + rng.normal(scale=0.3, size=(1, genres.shape[0])) + rng.normal(scale=noise, size=(n_users, genres.shape[0])))
    ratings = np.clip(np.rint(scores), 1, 5)
    observed = rng.random(ratings.shape) < observed_fraction
    observed[np.arange(n_users), rng.integers(0, genres.shape[0], n_users)] = True
    return np.where(observed, ratings, np.nan), observed


def reveal_experiment(
    ratings,
    observed,
    new_users: Sequence[int],
    n_revealed: Sequence[int],
    predictors: Mapping[str, Callable],
    *,
    seed: int = 0,
) -> tuple[dict[str, np.ndarray], int]:
    """Error of each predictor on a new user's hidden ratings after the user reveals n of them.

    For each user in `new_users`, the observed ratings are put in a seeded random order; for each n
    the first n are revealed and the rest predicted. `predictors[name](items, ratings)` returns a
    prediction for every item. Returns ({name: RMSE per n}, number of users used). Errors are
    pooled over users; only users with more than max(n_revealed) ratings take part, so every n
    is measured on the same users.
    """
    values = check_matrix(ratings, "ratings", allow_nan=True)
    observed = check_mask(observed, values.shape, "observed")
    if np.isnan(values[observed]).any():
        raise ValueError("ratings is NaN in an observed cell; every observed cell needs a rating")
    new_users = np.asarray(new_users)
    if new_users.ndim != 1 or new_users.size == 0 or not np.issubdtype(new_users.dtype, np.integer):
        raise ValueError(f"new_users must be a non-empty list of row indices, got {new_users!r}")
    if new_users.min() < 0 or new_users.max() >= values.shape[0]:
        raise ValueError(f"new_users must be row indices between 0 and {values.shape[0] - 1}")
    n_revealed = [check_int(n, "n_revealed entry", low=0, high=values.shape[1]) for n in n_revealed]
    if not predictors:
        raise ValueError("predictors must name at least one function(items, ratings) -> predictions")
    rng = np.random.default_rng(check_seed(seed))
    squared = {name: [[] for _ in n_revealed] for name in predictors}
    users = [user for user in new_users if observed[user].sum() > max(n_revealed)]
    if not users:
        raise ValueError(f"no user in new_users has more than {max(n_revealed)} ratings; reveal fewer")
    for user in users:
        items = rng.permutation(np.flatnonzero(observed[user]))
        for j, n in enumerate(n_revealed):
            shown, hidden = items[:n], items[n:]
            for name, predict in predictors.items():
                prediction = np.asarray(predict(shown, values[user, shown]), dtype=float)
                squared[name][j].extend((prediction[hidden] - values[user, hidden]) ** 2)
    curves = {name: np.sqrt([np.mean(e) for e in errors]) for name, errors in squared.items()}
    return curves, len(users)


def explain_prediction(model: FactorModel, user_bias: float, user_factors, item: int) -> str:
    """One predicted rating written out as global mean + user bias + item bias + factor terms."""
    terms = np.asarray(user_factors) * model.item_factors[item]
    factor_text = " + ".join(f"{t:+.2f}" for t in terms) if terms.size else "0"
    total = model.global_mean + user_bias + model.item_bias[item] + terms.sum()
    return (f"{model.global_mean:.2f} (mean) {user_bias:+.2f} (you) {model.item_bias[item]:+.2f} (item) "
            f"+ [{factor_text}] (factors) = {total:.2f}")


def fold_in_view(model: FactorModel, item_names: Sequence[str], *, rating_range=(1, 5), top: int = 3):
    """Return draw(*ratings) -> (figure, text) for a new user's ratings of every item (0 = not rated).

    The figure shows the item factors (first two), the user's folded-in factor vector as an
    arrow, and the predicted rating of every item; the text lists the top unrated items, each
    prediction written out term by term.
    """
    if len(item_names) != model.n_items:
        raise ValueError(f"item_names must name all {model.n_items} items, got {len(item_names)}")
    if model.k < 2:
        raise ValueError(f"fold_in_view draws the first two factors; the model has k={model.k}")
    top = check_int(top, "top", low=1, high=model.n_items)
    names = list(item_names)
    figure, (ax_map, ax_bars) = new_figure(2, width=4.4, height=3.4)
    q = model.item_factors[:, :2]
    ax_map.scatter(q[:, 0], q[:, 1], color="tab:blue")
    for i, ((x, y), name) in enumerate(zip(q, names)):  # staggered labels overlap less
        ax_map.annotate(name, (x, y), fontsize=7, xytext=(4, 9 * (i % 3) - 9), textcoords="offset points")
    ax_map.axhline(0, color="lightgray", zorder=0)
    ax_map.axvline(0, color="lightgray", zorder=0)
    ax_map.set_xlabel("factor 1")
    ax_map.set_ylabel("factor 2")
    ax_map.set_title("item factors; arrow = direction of yours")
    ax_bars.set_title("predicted (grey = you rated it)")
    arrow = ax_map.annotate("", xy=(0, 0), xytext=(0, 0), annotation_clip=False,
                            arrowprops=dict(color="tab:red", width=2))
    reach = np.abs(q).max() * 1.3
    ax_map.set_xlim(-reach, reach)
    ax_map.set_ylim(-reach, reach)
    bars = ax_bars.barh(range(model.n_items), np.zeros(model.n_items), color="tab:blue")
    ax_bars.set_yticks(range(model.n_items), names, fontsize=8)
    ax_bars.invert_yaxis()
    ax_bars.set_xlim(0, rating_range[1])
    ax_bars.set_xlabel("predicted rating")
    figure.canvas.draw()
    figure.set_layout_engine("none")

    def draw(*ratings):
        given = np.asarray(ratings, dtype=float)
        if given.size != model.n_items:
            raise ValueError(f"give one rating per item ({model.n_items}), 0 for not rated; got {given.size}")
        items = np.flatnonzero(given > 0)
        fold = fold_in_user(model, items, given[items], rating_range=rating_range)
        length = np.linalg.norm(fold.user_factors[:2])
        arrow.xy = tuple(fold.user_factors[:2] * min(1.0, 0.9 * reach / length) if length else (0.0, 0.0))
        for i, bar in enumerate(bars):
            bar.set_width(fold.predictions[i])
            bar.set_color("lightgray" if i in items else "tab:blue")
        ax_bars.set_title("predicted (grey = you rated it)")
        unrated = [i for i in np.argsort(-fold.predictions) if i not in items][:top]
        lines = [f"you rated {items.size} item(s); your factors: {np.round(fold.user_factors, 2)}",
                 f"top {len(unrated)} recommendations:" if unrated else "you rated every item: nothing left to recommend"]
        lines += [f"  {names[i]:16s} {fold.predictions[i]:.1f}  = "
                  f"{explain_prediction(model, fold.user_bias, fold.user_factors, i)}" for i in unrated]
        return figure, "\n".join(lines)

    return draw
