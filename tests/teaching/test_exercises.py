"""The exercise checker: right answers pass, unwritten stubs say so, and typical mistakes get their own hint."""

import numpy as np
import pytest

from helpers import check_exercise
from helpers.teaching.cases import EXERCISES


def rank_k_approximation(U, s, Vt, k):
    keep = np.argsort(s)[::-1][:k]
    return (U[:, keep] * s[keep]) @ Vt[keep]


def smallest_rank(s, share):
    energy = np.sort(s)[::-1] ** 2
    return int(np.argmax(np.cumsum(energy) / energy.sum() >= share)) + 1


def user_errors(U, s, Vt, k):
    R, R_k = (U * s) @ Vt, (U[:, :k] * s[:k]) @ Vt[:k]
    return np.linalg.norm(R - R_k, axis=1)


def adam_step(theta, g, v, s, t, eta, rho_1, rho_2, epsilon):
    v = rho_1 * v + (1 - rho_1) * g
    s = rho_2 * s + (1 - rho_2) * g**2
    v_hat, s_hat = v / (1 - rho_1**t), s / (1 - rho_2**t)
    return theta - eta * v_hat / (np.sqrt(s_hat) + epsilon / np.sqrt(1 - rho_2**t)), v, s


def blend_weights(predictions, y):
    D = np.column_stack([np.ones(len(y)), *predictions])
    return np.linalg.solve(D.T @ D, D.T @ y)


def resampled_rmse(users, y_true, y_pred, picks):
    errors = np.concatenate([(y_pred - y_true)[users == user] for user in picks])
    return np.sqrt(np.mean(errors**2))


def als_objective(R, mask, mu, b_user, b_item, P, Q, lam, beta):
    errors = (R - (mu + b_user[:, None] + b_item[None, :] + P @ Q.T))[mask]
    n_u, n_i = mask.sum(axis=1), mask.sum(axis=0)
    penalty = beta * (b_user @ b_user + b_item @ b_item) + lam * (n_u @ (P**2).sum(1) + n_i @ (Q**2).sum(1))
    return errors @ errors + penalty


def sgd_step(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta):
    e = r - (mu + b_u + b_i + p_u @ q_i)
    return (
        b_u + lr * (e - beta / n_u * b_u),
        b_i + lr * (e - beta / n_i * b_i),
        p_u + lr * (e * q_i - lam * p_u),
        q_i + lr * (e * p_u - lam * q_i),
    )


def svd_of_residuals(R, train, mu, b_user, b_item, k):
    baseline = mu + b_user[:, None] + b_item[None, :]
    U, s, Vt = np.linalg.svd(np.where(train, R - baseline, 0.0))
    return baseline + (U[:, :k] * s[:k]) @ Vt[:k]


def wals_user_step(Q, r, w0, lam):
    rated = r > 0
    Q_u, n_u = Q[rated], rated.sum()
    W_u = n_u + w0 * (len(r) - n_u)
    left = w0 * Q.T @ Q + (1 - w0) * Q_u.T @ Q_u + lam * W_u * np.eye(Q.shape[1])
    return np.linalg.solve(left, Q_u.T @ r[rated])


def ridge_from_features(F, V, F_new, alpha):
    x_mean, y_mean = F.mean(axis=0), V.mean(axis=0)
    X, Y = F - x_mean, V - y_mean
    W = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ Y)
    return y_mean + (F_new - x_mean) @ W


def fold_in_towards(users, ratings, user_bias, user_factors, mu, lam, beta, prior):
    if len(users) == 0:
        x = prior
    else:
        P = np.column_stack([np.ones(len(users)), user_factors[users]])
        y = ratings - mu - user_bias[users]
        penalty = np.diag([beta] + [lam * len(users)] * user_factors.shape[1])
        x = np.linalg.solve(P.T @ P + penalty, P.T @ y + penalty @ prior)
    return mu + user_bias + x[0] + user_factors @ x[1:]


def denoising_loss(X, keep, rate, W_e, b_e, W_d, b_d):
    inputs = np.where(keep, X / (1 - rate), 0.0)
    outputs = 1 / (1 + np.exp(-(np.tanh(inputs @ W_e + b_e) @ W_d + b_d)))
    observed = X != 0
    return np.mean((X - outputs)[observed] ** 2)


def fold_in_bias(ratings, item_bias, mu, shrinkage):
    return np.sum(ratings - mu - item_bias) / (len(ratings) + shrinkage)


def most_similar(vectors, film, n, among):
    norms = np.linalg.norm(vectors, axis=1)
    cosines = vectors @ vectors[film] / np.where(norms > 0, norms * norms[film], 1.0)
    cosines[~among] = -np.inf
    cosines[film] = -np.inf
    nearest = np.argsort(-cosines)[:n]
    return nearest, cosines[nearest]


def autorec_loss(R, R_hat, W_e, W_d, l2):
    observed = R != 0
    return np.mean((R[observed] - R_hat[observed]) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2))


def autorec_step(model, optimizer, batch, l2):
    import tensorflow as tf

    mask = tf.cast(batch != 0, tf.float32)
    with tf.GradientTape() as tape:
        output = model(batch, training=True)
        error = tf.reduce_sum(mask * (output - batch) ** 2) / tf.reduce_sum(mask)
        kernels = model.get_layer("encoder").kernel, model.get_layer("decoder").kernel
        loss = error + l2 * sum(tf.reduce_sum(k**2) for k in kernels)
    weights = model.trainable_variables
    optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights))
    return loss


def autoencoder_forward(X, W_e, b_e, W_d, b_d):
    return 1 / (1 + np.exp(-(np.tanh(X @ W_e + b_e) @ W_d + b_d)))


def ndcg_one_user(recommended, relevant, k):
    if len(relevant) == 0:
        return np.nan
    hits = np.isin(recommended[:k], relevant)
    discounts = 1 / np.log2(np.arange(2, k + 2))
    return hits @ discounts[: hits.size] / discounts[: min(k, len(relevant))].sum()


def ease_weights(X, lam):
    P = np.linalg.inv(X.T @ X + lam * np.eye(X.shape[1]))
    B = -P / np.diag(P)
    np.fill_diagonal(B, 0.0)
    return B


def weighted_user_step(Y, c, p, lam):
    rated = c != 1  # C_u - I is zero on the unrated films
    gram = Y.T @ Y + Y[rated].T @ ((c[rated] - 1)[:, None] * Y[rated])
    return np.linalg.solve(gram + lam * np.eye(Y.shape[1]), Y.T @ (c * p))


def mean_ndcg_at(lists, relevant, k):
    from helpers import ndcg_at_k

    return np.nanmean(ndcg_at_k(lists[:, :k], relevant, k=k))


def recall_from_lists(recommended, relevant, k):
    recalls = [len(set(liked) & set(recommended[user][:k])) / len(liked) for user, liked in relevant.items() if liked]
    return float(np.mean(recalls))


def predict_fit_seconds(n_ratings, n_users, n_items, rank, sweeps, fixed, per_sweep, flops_per_second):
    flops_per_sweep = 2 * n_ratings * rank**2 + (n_users + n_items) * rank**3 / 3
    return fixed + sweeps * (per_sweep + flops_per_sweep / flops_per_second)


def tail_share_per_user(lists, counts, k, threshold):
    return (counts[lists[:, :k]] < threshold).sum(axis=1) / k


def rmse_by_activity(users, y_true, y_pred, n_train, edges):
    group = np.searchsorted(edges, n_train[users], side="right") - 1  # edges[g] <= count < edges[g + 1]
    squared, size = np.zeros(len(edges) - 1), np.zeros(len(edges) - 1)
    np.add.at(squared, group, (y_true - y_pred) ** 2)
    np.add.at(size, group, 1)
    with np.errstate(invalid="ignore"):
        return np.sqrt(squared / size)


def gini_of_exposure(lists, n_films):
    exposure = np.bincount(lists.ravel(), minlength=n_films).astype(float)
    return np.abs(exposure[:, None] - exposure[None, :]).sum() / (2 * n_films * exposure.sum())


def damping_to_leave_top(sums, counts, mu, item, top):
    # d_j(beta) > d_x(beta)  <=>  (s_j + beta mu)(n_x + beta) > (s_x + beta mu)(n_j + beta)  <=>  a_j beta > c_j
    others = [j for j in range(len(sums)) if j != item]
    a = np.array([sums[j] - sums[item] + mu * (counts[item] - counts[j]) for j in others])
    c = np.array([sums[item] * counts[j] - sums[j] * counts[item] for j in others])
    for beta in sorted({0.0} | {float(cj / aj) for aj, cj in zip(a, c) if aj != 0 and cj / aj > 0}):
        just_after = beta + 1e-7 * (1 + beta)
        if np.sum(a * just_after > c) >= top:
            return beta
    return np.inf


RIGHT = {
    "damping_to_leave_top": damping_to_leave_top,
    "tail_share_per_user": tail_share_per_user,
    "gini_of_exposure": gini_of_exposure,
    "most_similar": most_similar,
    "rmse_by_activity": rmse_by_activity,
    "recall_from_lists": recall_from_lists,
    "predict_fit_seconds": predict_fit_seconds,
    "ndcg_one_user": ndcg_one_user,
    "ease_weights": ease_weights,
    "weighted_user_step": weighted_user_step,
    "wals_user_step": wals_user_step,
    "mean_ndcg_at": mean_ndcg_at,
    "rank_k_approximation": rank_k_approximation,
    "smallest_rank": smallest_rank,
    "user_errors": user_errors,
    "adam_step": adam_step,
    "resampled_rmse": resampled_rmse,
    "blend_weights": blend_weights,
    "als_objective": als_objective,
    "sgd_step": sgd_step,
    "svd_of_residuals": svd_of_residuals,
    "denoising_loss": denoising_loss,
    "fold_in_bias": fold_in_bias,
    "fold_in_towards": fold_in_towards,
    "ridge_from_features": ridge_from_features,
    "autorec_loss": autorec_loss,
    "autorec_step": autorec_step,
    "autoencoder_forward": autoencoder_forward,
}
KERAS = {"autoencoder_forward", "autorec_step", "denoising_loss"}  # their references are Keras models


def _marks(name):
    return [pytest.mark.slow] if name in KERAS else []


def test_every_exercise_has_a_right_answer_here():
    assert set(RIGHT) == set(EXERCISES)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_marks(n)) for n in RIGHT])
def test_the_right_answer_passes(name):
    verdict = check_exercise(name, RIGHT[name])
    assert verdict.passed and repr(verdict).startswith(f"Passed: {name} agrees")


@pytest.mark.parametrize(
    "name, index",
    [pytest.param(n, i, marks=_marks(n)) for n, e in EXERCISES.items() for i in range(len(e.mistakes))],
)
def test_each_typical_mistake_fails_with_its_own_hint(name, index):
    mistake = EXERCISES[name].mistakes[index]
    verdict = check_exercise(name, mistake.wrong)
    assert not verdict.passed
    assert verdict.message.splitlines()[0] == f"Not yet: {mistake.hint}", verdict.message
    assert "Traceback" not in verdict.message and "File " not in verdict.message


def test_the_named_typical_mistakes_are_told_apart():
    hints = {
        "regularisation without the count": ("als_objective", 5, "lost its counts"),
        "held-out ratings fitted": ("als_objective", 0, "held-out ratings count"),
        "q_i from the new p_u": ("sgd_step", 2, "with the new p_u"),
        "wrong sign": ("sgd_step", 3, "goes up the gradient"),
        "regulariser forgotten": ("sgd_step", 4, "regulariser is missing"),
        "mask ignored": ("autorec_loss", 0, "mask is ignored"),
        "off-by-one rank": ("rank_k_approximation", 2, "one factor too many"),
        "unsorted factors": ("rank_k_approximation", 0, "not sorted"),
        "Sigma forgotten": ("rank_k_approximation", 1, "Sigma is missing"),
        "epsilon placed as in the paper": ("adam_step", 3, "the paper's placement"),
    }
    for name, index, words in hints.values():
        assert words in check_exercise(name, EXERCISES[name].mistakes[index].wrong).message


def test_an_unwritten_stub_says_so_without_an_error():
    def smallest_rank(s, share):
        raise NotImplementedError("write this function")

    verdict = check_exercise("smallest_rank", smallest_rank)
    assert not verdict.passed and verdict.message.startswith("smallest_rank is not written yet")


def test_a_learners_exception_is_a_hint_line_over_the_error_line():
    def smallest_rank(s, share):
        return 1 / 0

    message = check_exercise("smallest_rank", smallest_rank).message
    hint, error = message.split("\n")
    assert hint == f"Not yet: {EXERCISES['smallest_rank'].hint}"
    assert error.startswith("  smallest_rank raised ZeroDivisionError on case 1 of 6")


def test_an_answer_of_the_wrong_shape_is_shown_not_crashed_on():
    message = check_exercise("smallest_rank", lambda s, share: "five").message
    assert "got      the string 'five'" in message


def test_bad_arguments_to_the_checker():
    with pytest.raises(ValueError, match="name must be one of"):
        check_exercise("smallest", smallest_rank)
    with pytest.raises(TypeError, match="function must be your function smallest_rank"):
        check_exercise("smallest_rank", "smallest_rank")


# --- whatever the learner's function does, the checker answers in one verdict ---------------------


def _stub_returning(value):
    return lambda s, share: value


@pytest.mark.parametrize(
    "answer, words",
    [
        (None, "returned None (is a `return` missing?); it should return one number"),
        ("3.5", "returned the string '3.5'; it should return one number"),
        (np.array([3.5]), "returned an array of shape (1,); it should return one number"),
        ([[1.0]], "returned an array of shape (1, 1); it should return one number"),
        (True, "returned True; it should return one number"),
        ((1.0, 2.0), "returned a tuple of 2 (one number, one number); it should return one number"),
    ],
)
def test_answers_are_compared_by_type_and_shape_not_only_by_value(answer, words):
    verdict = check_exercise("smallest_rank", _stub_returning(answer))
    assert not verdict.passed and words in verdict.message, verdict.message
    assert "Traceback" not in verdict.message


def test_a_tuple_answer_says_which_part_differs():
    def sgd_step(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta):
        b_u, b_i, p_u, q_i = RIGHT["sgd_step"](r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta)
        return b_u, b_i, p_u, q_i[None, :]  # right numbers, one dimension too many

    message = check_exercise("sgd_step", sgd_step).message
    assert "part 4 of the tuple: returned an array of shape (1, " in message


def test_a_function_that_never_returns_is_stopped_with_a_verdict():
    def smallest_rank(s, share):
        while True:
            pass

    verdict = check_exercise("smallest_rank", smallest_rank, time_limit=0.3)
    assert not verdict.passed and "still running after 0.3 s, so it was stopped" in verdict.message
    assert "(on case 1 of 6" in verdict.message


def test_not_implemented_on_a_later_case_is_an_error_not_an_unwritten_stub():
    calls = []

    def smallest_rank(s, share):
        calls.append(share)
        if len(calls) > 1:
            raise NotImplementedError("only the first case")
        return RIGHT["smallest_rank"](s, share)

    message = check_exercise("smallest_rank", smallest_rank).message
    assert message.splitlines()[1].startswith("  smallest_rank raised NotImplementedError on case 2")


def test_wrong_parameter_names_get_the_exercise_signature_not_an_unrelated_hint():
    message = check_exercise("smallest_rank", lambda sigma, p: 0).message
    assert message.startswith("Not yet: define smallest_rank with exactly these parameter names: smallest_rank(s,")
    assert "Python could not call it" in message


@pytest.mark.parametrize(
    "error", [SystemExit, GeneratorExit, RecursionError, MemoryError, StopIteration, ArithmeticError]
)
def test_any_exception_is_a_one_line_verdict(error):
    def smallest_rank(s, share):
        raise error("boom")

    verdict = check_exercise("smallest_rank", smallest_rank)
    assert not verdict.passed and f"raised {error.__name__}" in verdict.message


def test_the_learners_own_interrupt_goes_through():
    def smallest_rank(s, share):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_exercise("smallest_rank", smallest_rank)


class _Hostile:
    """An answer whose conversion to numbers fails in the strangest ways."""

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array for you")

    def __float__(self):
        raise SystemExit


def test_an_answer_that_fails_to_convert_is_described_not_raised():
    verdict = check_exercise("smallest_rank", _stub_returning(_Hostile()))
    assert not verdict.passed and "returned a _Hostile" in verdict.message


def test_the_checkers_own_arguments_are_checked():
    with pytest.raises(TypeError, match="seed"):
        check_exercise("smallest_rank", smallest_rank, seed=None)
    with pytest.raises(ValueError, match="time_limit"):
        check_exercise("smallest_rank", smallest_rank, time_limit=0)


def test_a_long_array_answer_says_where_it_differs_most():
    def off_by_one_cell(R, train, mu, b_user, b_item, k):
        predictions = svd_of_residuals(R, train, mu, b_user, b_item, k)
        predictions[1, 2] += 3.0
        return predictions

    got = check_exercise("svd_of_residuals", off_by_one_cell).message.splitlines()[3]
    assert got.endswith("(largest difference 3, at [1, 2])"), got
    nan = check_exercise("svd_of_residuals", lambda R, **rest: np.full_like(R, np.nan)).message.splitlines()[3]
    assert nan.endswith("(a NaN at [0, 0])"), nan


@pytest.mark.parametrize("seed", range(4))
def test_an_exercises_edge_cases_are_in_every_run_of_the_checker(seed):
    nan_for_no_ratings = EXERCISES["fold_in_bias"].mistakes[0].wrong  # right but for a user with no ratings
    verdict = check_exercise("fold_in_bias", nan_for_no_ratings, seed=seed)
    assert not verdict.passed and verdict.message.splitlines()[1].startswith("  fold_in_bias differs on case 6 of 6")


def test_a_function_that_calls_the_course_answer_is_told_so_not_passed():
    from helpers import nearest_items
    from helpers import nearest_items as neighbours

    def by_name(vectors, film, n, among):
        return nearest_items(vectors, film, n, among=among)

    def by_alias(vectors, film, n, among):
        return neighbours(vectors, film, n, among=among)

    def nested(vectors, film, n, among):
        return (lambda: neighbours(vectors, film, n, among=among))()

    for function in (by_name, by_alias, nested):
        verdict = check_exercise("most_similar", function)
        assert not verdict.passed
        assert verdict.message.startswith("Not yet: most_similar calls nearest_items, the course's helper"), (
            verdict.message
        )
    assert check_exercise("most_similar", RIGHT["most_similar"]).passed


def test_every_course_answer_is_a_public_helper():
    import helpers

    for name, exercise in EXERCISES.items():
        for helper in exercise.course_answers:
            assert helper in helpers.__all__, f"{name}: {helper} is not one of the course's public helpers"
