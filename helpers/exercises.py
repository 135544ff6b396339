"""Coding exercises with automatic feedback: `check_exercise("predict_rating", predict_rating)`.

Each exercise runs the learner's function on a few seeded random cases and compares it with the
course's own implementation (the helper the notebooks run, never a second copy). The verdict is
one short message: passed; not written yet (the stub still raises NotImplementedError); or which
case failed, what was expected and what came back, with one hint. When the answer matches a
typical mistake (a penalty without the count, Sigma forgotten, the mask ignored, one factor too
many...), the hint names that mistake. A learner's exception is reported in one line, never as a
traceback from inside the checker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .factorization import FactorModel, als_step, fold_in_user
from .svd import predict_svd, truncated_svd
from .validation import check_callable, check_choice, describe

__all__ = ["EXERCISES", "Verdict", "check_exercise"]

CASES = 6


@dataclass(frozen=True)
class _Mistake:
    """A typical wrong answer, written as code, and the hint to give when a learner's matches it."""

    wrong: Callable
    hint: str


@dataclass(frozen=True)
class _Exercise:
    """What `check_exercise` needs: random cases, the course's answer, typical mistakes, a general hint."""

    signature: str
    cases: Callable[[np.random.Generator], dict]
    reference: Callable
    mistakes: tuple[_Mistake, ...]
    hint: str


@dataclass(frozen=True)
class Verdict:
    """The checker's answer: `passed`, and the message a notebook shows (its repr)."""

    name: str
    passed: bool
    message: str

    def __repr__(self) -> str:
        return self.message


# --- comparing answers ---------------------------------------------------------------------------


def _as_numbers(value):
    """A learner's answer as a flat float array (a number, an array, or a tuple of them), or None."""
    try:
        parts = value if isinstance(value, tuple) else (value,)
        return np.concatenate([np.asarray(part, dtype=float).ravel() for part in parts])
    except (TypeError, ValueError):
        return None


def _same(expected, got) -> bool:
    a, b = _as_numbers(expected), _as_numbers(got)
    return a is not None and b is not None and a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-6)


def _shown(value) -> str:
    """A short rendering of an answer for the verdict."""
    numbers = _as_numbers(value)
    if numbers is None:
        return describe(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_shown(part) for part in value) + ")"
    if np.ndim(value) == 0:
        return f"{float(value):.4g}"
    text = np.array2string(np.asarray(value, dtype=float), precision=3, suppress_small=True, separator=", ")
    return " ".join(text.split()) if len(text) < 160 else f"an array of shape {np.shape(value)}"


def _describe_case(case: dict) -> str:
    parts = []
    for name, value in case.items():
        if np.ndim(value) == 0:
            parts.append(f"{name}={value:.3g}" if isinstance(value, float) else f"{name}={value}")
        else:
            parts.append(f"{name} of shape {np.shape(value)}")
    return ", ".join(parts)


def _run(function, case):
    """(answer, None) or (None, exception) for one call."""
    try:
        return function(**{k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case.items()}), None
    except Exception as error:  # noqa: BLE001 - the learner's error is reported in one line
        return None, error


def check_exercise(name: str, function, *, seed: int = 0) -> Verdict:
    """Run the learner's `function` on the exercise's cases; return a Verdict (a notebook shows its message)."""
    exercise = EXERCISES[check_choice(name, "name", tuple(EXERCISES))]
    check_callable(function, "function", f"your function {exercise.signature}")
    rng = np.random.default_rng(seed)
    cases = [exercise.cases(rng) for _ in range(CASES)]
    for number, case in enumerate(cases, start=1):
        got, error = _run(function, case)
        if isinstance(error, NotImplementedError):
            return Verdict(
                name,
                False,
                f"{name} is not written yet: replace `raise NotImplementedError` in its cell "
                "with your code, run that cell, then run this one again.",
            )
        expected = exercise.reference(**case)
        if error is None and _same(expected, got):
            continue
        where = f"case {number} of {CASES} ({_describe_case(case)})"
        hint = _matching_hint(exercise, case, got, error)
        if error is not None:
            return Verdict(
                name,
                False,
                f"Not yet: {name} raised {type(error).__name__} on {where}: "
                f"{str(error).splitlines()[0] if str(error) else ''}\nHint: {hint}",
            )
        return Verdict(
            name,
            False,
            f"Not yet: {name} differs on {where}.\n  expected {_shown(expected)}\n"
            f"  got      {_shown(got)}\nHint: {hint}",
        )
    return Verdict(name, True, f"Passed: {name} agrees with the course's implementation on all {CASES} cases.")


def _matching_hint(exercise: _Exercise, case: dict, got, error) -> str:
    """The hint of the typical mistake the learner's answer (or error) matches, else the general hint."""
    for mistake in exercise.mistakes:
        wrong, wrong_error = _run(mistake.wrong, case)
        if error is None and wrong_error is None and _same(wrong, got):
            return mistake.hint
        if error is not None and wrong_error is not None and type(wrong_error) is type(error):
            return mistake.hint
    return exercise.hint


# --- 01: a rating from the SVD's factors -----------------------------------------------------------


def _svd_case(rng):
    R = rng.integers(0, 6, size=(int(rng.integers(4, 8)), int(rng.integers(3, 6)))).astype(float)
    U, s, Vt = truncated_svd(R, min(R.shape))
    return dict(
        U=U,
        s=s,
        Vt=Vt,
        user=int(rng.integers(R.shape[0])),
        item=int(rng.integers(R.shape[1])),
        k=int(rng.integers(1, s.size)),
    )


def _predict_rating(U, s, Vt, user, item, k):
    return float(predict_svd(U[:, :k], s[:k], Vt[:k], [user], [item])[0])


# --- 02: the autoencoder's forward pass ------------------------------------------------------------


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _autoencoder_case(rng):
    n_items = int(rng.integers(3, 7))
    n_codes = int(rng.integers(1, n_items))
    return dict(
        X=rng.random((int(rng.integers(2, 6)), n_items)),
        W_e=rng.normal(scale=0.8, size=(n_items, n_codes)),
        b_e=rng.normal(scale=0.3, size=n_codes),
        W_d=rng.normal(scale=0.8, size=(n_codes, n_items)),
        b_d=rng.normal(scale=0.3, size=n_items),
    )


_AUTOENCODERS = {}  # (n_items, n_codes) -> a Keras autoencoder, built once and given each case's weights


def _autoencoder_forward(X, W_e, b_e, W_d, b_d):
    from .neural import build_autoencoder

    shape = W_e.shape
    if shape not in _AUTOENCODERS:
        _AUTOENCODERS[shape] = build_autoencoder(shape[0], shape[1], seed=0)[0]
    autoencoder = _AUTOENCODERS[shape]
    autoencoder.set_weights([W_e, b_e, W_d, b_d])
    return np.asarray(autoencoder(X.astype("float32"), training=False), dtype=float)


# --- 03: ALS's item step -------------------------------------------------------------------------


def _item_step_case(rng):
    n, k = int(rng.integers(2, 9)), int(rng.integers(1, 4))
    return dict(
        ratings=rng.integers(1, 6, size=n).astype(float),
        user_bias=rng.normal(scale=0.3, size=n),
        user_factors=rng.normal(scale=0.5, size=(n, k)),
        mu=3.5,
        lam=float(rng.choice([0.05, 0.1, 0.5])),
    )


def _als_item_step(ratings, user_bias, user_factors, mu, lam):
    return als_step(ratings, user_bias, user_factors, global_mean=mu, reg=lam)


def _ridge(Y, t, penalty):
    return np.linalg.solve(Y.T @ Y + penalty * np.eye(Y.shape[1]), Y.T @ t)


def _transposed_step(Y, t, penalty):
    """Y Y^T where Y^T Y belongs: the shapes clash unless there are exactly k + 1 ratings."""
    return _split(np.linalg.solve(Y @ Y.T + penalty * np.eye(Y.shape[1]), Y.T @ t))


def _split(x):
    return float(x[0]), x[1:]


def _design(user_factors):
    return np.column_stack([np.ones(len(user_factors)), user_factors])


# --- 04: folding a new user into the bias model -------------------------------------------------


def _bias_fold_in_case(rng):
    n = int(rng.integers(1, 6))
    return dict(
        ratings=rng.integers(1, 6, size=n).astype(float),
        item_bias=rng.normal(scale=0.5, size=n),
        mu=float(np.round(rng.uniform(3, 4), 2)),
        shrinkage=float(rng.choice([1.0, 5.0, 10.0])),
    )


def _fold_in_bias(ratings, item_bias, mu, shrinkage):
    n = ratings.size  # a bias-only model (k = 0) whose items are exactly the ones rated
    model = FactorModel(
        global_mean=mu,
        user_bias=np.zeros(1),
        item_bias=item_bias,
        user_factors=np.zeros((1, 0)),
        item_factors=np.zeros((n, 0)),
        reg=shrinkage,
        reg_scaling="plain",
        n_iters=1,
    )
    return fold_in_user(model, np.arange(n), ratings).user_bias


# --- 05: I-AutoRec's objective -------------------------------------------------------------------


def _autorec_case(rng):
    n_items, n_users, hidden = int(rng.integers(3, 7)), int(rng.integers(4, 9)), int(rng.integers(2, 5))
    R = np.where(rng.random((n_items, n_users)) < 0.5, rng.integers(1, 6, size=(n_items, n_users)), 0).astype(float)
    R[0, 0] = 4.0  # at least one rating
    return dict(
        R=R,
        R_hat=R + rng.normal(scale=0.7, size=R.shape),
        W_e=rng.normal(size=(n_users, hidden)),
        W_d=rng.normal(size=(hidden, n_users)),
        l2=float(rng.choice([0.001, 0.01])),
    )


def _autorec_loss(R, R_hat, W_e, W_d, l2):
    from .autorec import autorec_objective

    return autorec_objective(R, R_hat, W_e, W_d, l2=l2)


def _observed_mse(R, R_hat):
    observed = R != 0
    return np.mean((R[observed] - R_hat[observed]) ** 2)


EXERCISES = {
    "predict_rating": _Exercise(
        signature="predict_rating(U, s, Vt, user, item, k) -> one predicted rating",
        cases=_svd_case,
        reference=_predict_rating,
        mistakes=(
            _Mistake(
                lambda U, s, Vt, user, item, k: U[user, :k] @ Vt[:k, item],
                "the singular values are missing: the user's coordinates are a row of U Sigma, U[user, :k] * s[:k].",
            ),
            _Mistake(
                lambda U, s, Vt, user, item, k: (U[user, : k + 1] * s[: k + 1]) @ Vt[: k + 1, item],
                "one factor too many: U[:, :k] keeps factors 0 to k-1, which is exactly k of them.",
            ),
            _Mistake(
                lambda U, s, Vt, user, item, k: (U[user, : k - 1] * s[: k - 1]) @ Vt[: k - 1, item],
                "one factor too few: U[:, :k] already keeps k factors (0 to k-1).",
            ),
            _Mistake(
                lambda U, s, Vt, user, item, k: (U[user] * s) @ Vt[:, item],
                "k is ignored: keep only the first k factors of U, s and Vt.",
            ),
            _Mistake(
                lambda U, s, Vt, user, item, k: (U[item, :k] * s[:k]) @ Vt[:k, user],
                "user and item are swapped: rows of U are users, columns of Vt are items.",
            ),
        ),
        hint="the rating is the dot product of the user's row of U Sigma (first k entries) with the item's "
        "column of Vt (first k entries).",
    ),
    "autoencoder_forward": _Exercise(
        signature="autoencoder_forward(X, W_e, b_e, W_d, b_d) -> the reconstruction of X",
        cases=_autoencoder_case,
        reference=_autoencoder_forward,
        mistakes=(
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: (X @ W_e + b_e) @ W_d + b_d,
                "no activations: the codes are tanh(X W_e + b_e), the output sigmoid(codes W_d + b_d).",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(X @ W_e + b_e) @ W_d + b_d,
                "the activations are missing or swapped: tanh in the encoder, sigmoid on the output.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: np.tanh(_sigmoid(X @ W_e + b_e) @ W_d + b_d),
                "the activations are swapped: tanh in the encoder, sigmoid on the output.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: np.tanh(X @ W_e + b_e) @ W_d + b_d,
                "the output sigmoid is missing: the decoder is sigmoid(codes W_d + b_d).",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(np.tanh(X @ W_e) @ W_d),
                "the biases are missing: add b_e inside the tanh and b_d inside the sigmoid.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(np.tanh(X @ W_e.T + b_e) @ W_d.T + b_d),
                "the weights are transposed: X (users x items) times W_e (items x codes) gives the codes.",
            ),
        ),
        hint="codes = tanh(X @ W_e + b_e), then output = sigmoid(codes @ W_d + b_d), where sigmoid(z) = "
        "1 / (1 + exp(-z)).",
    ),
    "als_item_step": _Exercise(
        signature="als_item_step(ratings, user_bias, user_factors, mu, lam) -> (b_i, q_i)",
        cases=_item_step_case,
        reference=_als_item_step,
        mistakes=(
            _Mistake(
                lambda ratings, user_bias, user_factors, mu, lam: _split(
                    _ridge(_design(user_factors), ratings - mu - user_bias, lam)
                ),
                "the penalty has lost its count: the course weights lambda by the item's number of ratings, "
                "lam * n_i on the diagonal.",
            ),
            _Mistake(
                lambda ratings, user_bias, user_factors, mu, lam: _split(
                    _ridge(_design(user_factors), ratings - mu, lam * ratings.size)
                ),
                "the users' biases are still in the targets: regress r_ui - mu - b_u, not r_ui - mu.",
            ),
            _Mistake(
                lambda ratings, user_bias, user_factors, mu, lam: _split(
                    _ridge(_design(user_factors), ratings - user_bias, lam * ratings.size)
                ),
                "the global mean is still in the targets: regress r_ui - mu - b_u.",
            ),
            _Mistake(
                lambda ratings, user_bias, user_factors, mu, lam: (
                    0.0,
                    _ridge(user_factors, ratings - mu - user_bias, lam * ratings.size),
                ),
                "the item's bias is missing: put a column of ones before the users' factors, so the first "
                "unknown is b_i.",
            ),
            _Mistake(
                lambda ratings, user_bias, user_factors, mu, lam: _transposed_step(
                    _design(user_factors), ratings - mu - user_bias, lam * ratings.size
                ),
                "the design matrix is transposed: Y has one row [1, p_u] per rating, and the system is "
                "(Y^T Y + lam n_i I) x = Y^T t, of size k + 1.",
            ),
        ),
        hint="stack Y = [1, p_u] for the users who rated the item, t = r_ui - mu - b_u, solve "
        "(Y^T Y + lam * n_i * I) x = Y^T t, and return x[0], x[1:].",
    ),
    "fold_in_bias": _Exercise(
        signature="fold_in_bias(ratings, item_bias, mu, shrinkage) -> the new user's bias b_u",
        cases=_bias_fold_in_case,
        reference=_fold_in_bias,
        mistakes=(
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: (
                    np.sum(ratings - mu - item_bias) / (ratings.size + shrinkage * ratings.size)
                ),
                "the shrinkage is a fixed number of pseudo-ratings for the bias model, not multiplied by n_u "
                "(that is ALS's weighted lambda).",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.mean(ratings - mu - item_bias),
                "there is no shrinkage: divide by n_u + shrinkage, not n_u.",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.sum(ratings - mu) / (ratings.size + shrinkage),
                "the items' biases are still in: a generous rating of a popular film says less about the user, "
                "so subtract b_i too.",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.sum(ratings - item_bias) / (ratings.size + shrinkage),
                "the global mean is still in: subtract mu from every rating.",
            ),
        ),
        hint="b_u = sum of (r_ui - mu - b_i) over the rated items, divided by (n_u + shrinkage).",
    ),
    "autorec_loss": _Exercise(
        signature="autorec_loss(R, R_hat, W_e, W_d, l2) -> I-AutoRec's training loss",
        cases=_autorec_case,
        reference=_autorec_loss,
        mistakes=(
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: np.mean((R - R_hat) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2)),
                "the mask is ignored: only the observed ratings (R != 0) count, the zeros are not ratings.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: _observed_mse(R, R_hat),
                "the L2 penalty is missing: add l2 * (sum of squared weights of W_e and W_d).",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    _observed_mse(R, R_hat) + l2 * (np.linalg.norm(W_e) + np.linalg.norm(W_d))
                ),
                "the penalty uses norms, not squared norms: sum the squares of the weights.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    np.sum(((R - R_hat) * (R != 0)) ** 2) / R.size + l2 * (np.sum(W_e**2) + np.sum(W_d**2))
                ),
                "the average is over every cell: divide by the number of observed ratings instead.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    np.sum(((R - R_hat) * (R != 0)) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2))
                ),
                "the squared errors are summed: the course averages them over the observed ratings.",
            ),
        ),
        hint="loss = mean of (R - R_hat)^2 over the cells where R != 0, plus l2 * (sum(W_e**2) + sum(W_d**2)).",
    ),
}
