"""The cases, answers and typical-mistake code of notebook 03's two exercises on the factorisation
objective: writing the masked, penalised objective ALS minimises (`als_objective`), and one SGD
update of it (`sgd_step`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 03.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.models.factorization import FactorModel
from helpers.models.sgd import factorization_objective, sgd_step
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


# --- als_objective ----------------------------------------------------------------------------------


def _fitted_and_held_out(rng, n_users, n_items, fitted_share):
    """(R, mask): ratings 1..10 (0 = not rated) on the fitted cells (mask) and on held-out ones like 03's test
    cells, which R holds but the model must not be fitted to; every user has a fitted rating."""
    mask = rng.random((n_users, n_items)) < fitted_share
    mask[np.arange(n_users), rng.integers(0, n_items, size=n_users)] = True
    held_out = ~mask & (rng.random(mask.shape) < 0.4)
    return np.where(mask | held_out, rng.integers(1, 11, size=mask.shape), 0).astype(float), mask


def _objective_case(rng):
    n_users, n_items, k = int(rng.integers(3, 8)), int(rng.integers(3, 8)), int(rng.integers(1, 4))
    R, mask = _fitted_and_held_out(rng, n_users, n_items, 0.5)
    return dict(
        R=R,
        mask=mask,
        mu=float(np.round(rng.uniform(4, 7), 2)),
        b_user=rng.normal(scale=0.5, size=n_users),
        b_item=rng.normal(scale=0.5, size=n_items),
        P=rng.normal(scale=0.7, size=(n_users, k)),
        Q=rng.normal(scale=0.7, size=(n_items, k)),
        lam=float(rng.choice([0.1, 0.5, 2.0])),
        beta=float(rng.choice([1.0, 5.0, 20.0])),
    )


def _als_objective(R, mask, mu, b_user, b_item, P, Q, lam, beta):
    model = FactorModel(mu, b_user, b_item, P, Q, reg=lam, reg_scaling="weighted", n_iters=0, shrinkage=beta)
    return factorization_objective(model, np.where(mask, R, np.nan), mask)


def _prediction(mu, b_user, b_item, P, Q):
    return mu + b_user[:, None] + b_item[None, :] + P @ Q.T


def _squared_errors(R, mask, mu, b_user, b_item, P, Q):
    return ((R - _prediction(mu, b_user, b_item, P, Q))[mask]) ** 2


def _bias_penalty(beta, b_user, b_item):
    return beta * (np.sum(b_user**2) + np.sum(b_item**2))


def _factor_penalty(lam, P, Q, n_u, n_i):
    return lam * (n_u @ np.sum(P**2, axis=1) + n_i @ np.sum(Q**2, axis=1))


def _objective_with(R, mask, mu, b_user, b_item, P, Q, lam, beta, *, errors=None, bias=None, n_u=None, n_i=None):
    """The objective with one part replaced: the error term, the bias penalty, or the counts."""
    errors = np.sum(_squared_errors(R, mask, mu, b_user, b_item, P, Q)) if errors is None else errors
    bias = _bias_penalty(beta, b_user, b_item) if bias is None else bias
    n_u = mask.sum(axis=1) if n_u is None else n_u
    n_i = mask.sum(axis=0) if n_i is None else n_i
    return errors + bias + _factor_penalty(lam, P, Q, n_u, n_i)


def _objective_mistake(**parts):
    """A wrong objective: `_objective_with` with some of its parts (errors, bias, n_u, n_i) computed
    another way, each part a function of the case `c` (its arguments by name)."""

    def wrong(R, mask, mu, b_user, b_item, P, Q, lam, beta):
        c = SimpleNamespace(R=R, mask=mask, mu=mu, b_user=b_user, b_item=b_item, P=P, Q=Q, lam=lam, beta=beta)
        replaced = {name: part(c) for name, part in parts.items()}
        return _objective_with(R, mask, mu, b_user, b_item, P, Q, lam, beta, **replaced)

    return wrong


_OBJECTIVE_MISTAKES = (
    _Mistake(
        _objective_mistake(
            errors=lambda c: np.sum(_squared_errors(c.R, c.R != 0, c.mu, c.b_user, c.b_item, c.P, c.Q)),
            n_u=lambda c: (c.R != 0).sum(axis=1),
            n_i=lambda c: (c.R != 0).sum(axis=0),
        ),
        "the held-out ratings count: R also holds ratings the model is not fitted to, so the errors and "
        "n_u, n_i come from mask, not from R != 0.",
    ),
    _Mistake(
        _objective_mistake(n_u=lambda c: (c.R != 0).sum(axis=1), n_i=lambda c: (c.R != 0).sum(axis=0)),
        "n_u and n_i count the held-out ratings too: they count the cells the model is fitted to, "
        "mask.sum(axis=1) and mask.sum(axis=0), not R != 0.",
    ),
    _Mistake(
        _objective_mistake(
            bias=lambda c: c.lam * (c.mask.sum(axis=1) @ c.b_user**2 + c.mask.sum(axis=0) @ c.b_item**2)
        ),
        "the biases are penalised like the factors (lam * n_u b_u^2): their penalty is the pseudo-count beta, "
        "the same whatever the count.",
    ),
    _Mistake(
        _objective_mistake(errors=lambda c: np.sum((c.R - _prediction(c.mu, c.b_user, c.b_item, c.P, c.Q)) ** 2)),
        "the mask is ignored: only the observed cells (mask True) have a squared error; a 0 in R is "
        "'not rated', not a rating of 0.",
    ),
    _Mistake(
        _objective_mistake(errors=lambda c: np.mean(_squared_errors(c.R, c.mask, c.mu, c.b_user, c.b_item, c.P, c.Q))),
        "the squared errors are averaged: ALS's objective is their sum, which the penalties are balanced against.",
    ),
    _Mistake(
        _objective_mistake(n_u=lambda c: np.ones(len(c.P)), n_i=lambda c: np.ones(len(c.Q))),
        "the factors' penalty has lost its counts: the course's lambda is weighted, lam * n_u |p_u|^2 "
        "with n_u the user's number of observed ratings (and n_i for the items).",
    ),
    _Mistake(
        _objective_mistake(n_u=lambda c: np.full(len(c.P), len(c.Q)), n_i=lambda c: np.full(len(c.Q), len(c.P))),
        "the counts include the missing cells: n_u is the number of items user u *rated* "
        "(mask.sum(axis=1)), not the number of items.",
    ),
    _Mistake(
        _objective_mistake(
            bias=lambda c: c.beta * (c.mask.sum(axis=1) @ c.b_user**2 + c.mask.sum(axis=0) @ c.b_item**2)
        ),
        "the biases' penalty is weighted by the counts: beta is a pseudo-count, the same for every "
        "user and item, so the term is beta (sum b_u^2 + sum b_i^2).",
    ),
    _Mistake(
        _objective_mistake(bias=lambda c: 0.0),
        "the biases are not penalised: add beta (sum of b_u^2 + sum of b_i^2), the shrinkage.",
    ),
    _Mistake(
        _objective_mistake(errors=lambda c: np.sum((c.R - c.mu - c.P @ c.Q.T)[c.mask] ** 2)),
        "the biases are missing from the prediction: r_hat_ui = mu + b_u + b_i + p_u . q_i.",
    ),
)


# --- sgd_step ---------------------------------------------------------------------------------------


def _sgd_case(rng):
    k = int(rng.integers(1, 5))
    return dict(
        r=float(rng.integers(1, 11)),
        mu=float(np.round(rng.uniform(4, 7), 2)),
        b_u=float(rng.normal(scale=0.5)),
        b_i=float(rng.normal(scale=0.5)),
        p_u=rng.normal(scale=0.7, size=k),
        q_i=rng.normal(scale=0.7, size=k),
        n_u=int(rng.integers(2, 30)),
        n_i=int(rng.integers(2, 30)),
        lr=float(rng.choice([0.01, 0.05, 0.1])),
        lam=float(rng.choice([0.05, 0.2, 0.5])),
        beta=float(rng.choice([3.0, 5.0, 10.0])),
    )


def _sgd_step(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta):
    shares = dict(user_reg=lam, item_reg=lam, user_shrinkage=beta / n_u, item_shrinkage=beta / n_i)
    return sgd_step(r, mu, b_u, b_i, p_u, q_i, learning_rate=lr, **shares)


def _stepped(r, mu, b_u, b_i, p_u, q_i, lr, shares, *, sign=1.0, scale=1.0, fresh_p=False, biases=True):
    """An SGD step with one thing changed: the error's sign, the step's scale, q_i from the new p_u, no biases."""
    c_bu, c_bi, c_p, c_q = shares
    error = sign * (r - (mu + b_u + b_i + p_u @ q_i))
    step = scale * lr
    new_p = p_u + step * (error * q_i - c_p * p_u)
    new_q = q_i + step * (error * (new_p if fresh_p else p_u) - c_q * q_i)
    if not biases:
        return b_u, b_i, new_p, new_q
    return b_u + step * (error - c_bu * b_u), b_i + step * (error - c_bi * b_i), new_p, new_q


def _course_shares(n_u, n_i, lam, beta):
    return beta / n_u, beta / n_i, lam, lam


def _sgd_mistake(**changes):
    def wrong(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta):
        shares = changes.get("shares", _course_shares)(n_u, n_i, lam, beta)
        options = {key: value for key, value in changes.items() if key != "shares"}
        return _stepped(r, mu, b_u, b_i, p_u, q_i, lr, shares, **options)

    return wrong


_SGD_MISTAKES = (
    _Mistake(
        _sgd_mistake(scale=0.5),
        "the step is half the course's: the derivative of e^2 is -2 e (...), and with the step eta / 2 "
        "the 2 cancels, so p_u += eta (e q_i - lam p_u).",
    ),
    _Mistake(
        _sgd_mistake(shares=lambda n_u, n_i, lam, beta: (lam, lam, lam, lam)),
        "the biases are shrunk with lambda: their penalty is the pseudo-count beta, shared as beta / n_u "
        "(and beta / n_i) over the ratings.",
    ),
    _Mistake(
        _sgd_mistake(fresh_p=True),
        "q_i is updated with the new p_u: compute every update from the values before the step "
        "(keep the old p_u, or update both at once).",
    ),
    _Mistake(
        _sgd_mistake(sign=-1.0),
        "the step goes up the gradient: with e = r_ui - r_hat_ui the gradient of e^2 in p_u is "
        "-2 e q_i, so the update adds eta (e q_i - ...), it does not subtract it.",
    ),
    _Mistake(
        _sgd_mistake(shares=lambda n_u, n_i, lam, beta: (0.0, 0.0, 0.0, 0.0)),
        "the regulariser is missing: each update also shrinks its parameter, b_u by eta beta / n_u b_u "
        "and p_u by eta lam p_u.",
    ),
    _Mistake(
        _sgd_mistake(shares=lambda n_u, n_i, lam, beta: (beta, beta, lam, lam)),
        "the whole pseudo-count beta is applied at every rating: a user's n_u ratings share it, so one "
        "rating's step shrinks b_u by beta / n_u.",
    ),
    _Mistake(
        _sgd_mistake(shares=lambda n_u, n_i, lam, beta: (beta / n_u, beta / n_i, lam * n_u, lam * n_i)),
        "the factors' penalty lam n_u |p_u|^2 is applied whole at every rating: split over the user's "
        "n_u ratings it is lam |p_u|^2 each, so the step shrinks p_u by eta lam p_u.",
    ),
    _Mistake(
        _sgd_mistake(shares=lambda n_u, n_i, lam, beta: (beta / n_u, beta / n_i, lam / n_u, lam / n_i)),
        "the factors' share is divided by the count: the weighted penalty lam n_u |p_u|^2 over n_u "
        "ratings leaves lam |p_u|^2 per rating (only beta, a fixed pseudo-count, is divided by n_u).",
    ),
    _Mistake(
        _sgd_mistake(biases=False),
        "the biases are not updated: b_u and b_i take a step too, b_u += eta (e - beta / n_u b_u).",
    ),
    _Mistake(
        _sgd_mistake(scale=2.0),
        "the step is twice the course's: the 2 of the gradient of e^2 is folded into eta (as Funk and "
        "Surprise write it), so p_u += eta (e q_i - lam p_u).",
    ),
)


_EXERCISES_FACTORIZATION = {
    "als_objective": _Exercise(
        signature="als_objective(R, mask, mu, b_user, b_item, P, Q, lam, beta) -> the objective ALS minimises",
        cases=_objective_case,
        reference=_als_objective,
        course_answers=("factorization_objective",),
        mistakes=_OBJECTIVE_MISTAKES,
        hint="sum the squared errors of the cells the model is fitted to (mask), then add each penalty once: "
        "beta on every squared bias, lambda times the number of fitted ratings on each squared factor vector.",
    ),
    "sgd_step": _Exercise(
        signature="sgd_step(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta) -> (b_u, b_i, p_u, q_i)",
        cases=_sgd_case,
        reference=_sgd_step,
        course_answers=("sgd_step", "fit_sgd"),
        mistakes=_SGD_MISTAKES,
        hint="take the gradient of this rating's share of the objective (its squared error, beta / n_u and "
        "beta / n_i of the bias penalties, lambda on each factor) and step each parameter down it, from the "
        "values before the step.",
    ),
}
