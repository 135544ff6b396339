"""Ranking metrics, the ranking protocol, and the ranking models (weighted ALS, implicit ALS, EASE)."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import (
    catalogue_coverage,
    ease_scores,
    evaluate_ranking,
    exposure_gini,
    fit_ease,
    fit_implicit_als,
    fit_weighted_als,
    ndcg_at_k,
    normalised_recall_at_k,
    popular_share,
    precision_at_k,
    ranking_protocols,
    recall_at_k,
    reconstruct,
    top_k_items,
    truncated_svd,
    tune_on_validation,
    weighted_scores,
)
from tests.support.factories import low_rank_splits

# --- metrics by hand --------------------------------------------------------------------------------


def test_top_k_is_best_first_skips_excluded_items_and_breaks_ties_by_index():
    scores = np.array([[0.1, 0.9, 0.5, 0.9, 0.2], [1.0, 1.0, 1.0, 1.0, 1.0]])
    exclude = np.array([[False, False, False, True, False], [True, False, False, False, False]])
    np.testing.assert_array_equal(top_k_items(scores, 3, exclude=exclude), [[1, 2, 4], [1, 2, 3]])
    with pytest.raises(ValueError, match="fewer than k=5 candidate items"):
        top_k_items(scores, 5, exclude=exclude)


def test_metrics_on_a_small_case_worked_by_hand():
    recommended = np.array([[0, 1, 2], [3, 4, 5]])
    relevant = np.zeros((2, 8), dtype=bool)
    relevant[0, [1, 7]] = True  # user 0: one hit at position 2, one relevant item missed
    relevant[1, [3, 4, 5, 6]] = True  # user 1: every position a hit, 4 relevant items
    np.testing.assert_allclose(precision_at_k(recommended, relevant), [1 / 3, 1.0])
    np.testing.assert_allclose(recall_at_k(recommended, relevant), [1 / 2, 3 / 4])
    dcg_0, idcg_0 = 1 / np.log2(3), 1 + 1 / np.log2(3)
    np.testing.assert_allclose(ndcg_at_k(recommended, relevant), [dcg_0 / idcg_0, 1.0])
    assert catalogue_coverage(recommended, 8) == 6 / 8
    assert popular_share(recommended, np.arange(8.0)[::-1], top_fraction=0.25) == 2 / 6  # items 0, 1 most popular


def test_exposure_gini_at_its_ends_and_against_the_mean_absolute_difference():
    assert exposure_gini(np.array([[0, 1], [2, 3]]), 4) == 0.0  # every item shown once
    assert exposure_gini(np.array([[0], [0], [0]]), 5) == pytest.approx(4 / 5)  # one item takes every slot
    assert exposure_gini(np.array([[0, 1], [2, 3]]), 8) == pytest.approx(0.5)  # half the catalogue never shown
    rng = np.random.default_rng(0)
    for _ in range(20):
        n_items = int(rng.integers(3, 40))
        lists = np.array([rng.choice(n_items, size=3, replace=False) for _ in range(int(rng.integers(1, 12)))])
        exposure = np.bincount(lists.ravel(), minlength=n_items)
        mean_difference = np.abs(exposure[:, None] - exposure[None, :]).sum() / (2 * n_items * exposure.sum())
        assert exposure_gini(lists, n_items) == pytest.approx(mean_difference)


def test_a_user_without_relevant_items_has_no_recall_or_ndcg():
    recommended, relevant = np.array([[0, 1]]), np.zeros((1, 3), dtype=bool)
    assert np.isnan(recall_at_k(recommended, relevant)[0]) and np.isnan(ndcg_at_k(recommended, relevant)[0])
    assert precision_at_k(recommended, relevant)[0] == 0.0


def test_ndcg_of_a_list_shorter_than_k_counts_the_missing_positions_as_misses():
    relevant = np.zeros((1, 8), dtype=bool)
    relevant[0, [1, 4, 6]] = True
    discounts = 1 / np.log2(np.arange(2, 5))  # positions 1..3
    short = np.array([[1, 4]])  # two hits, no third position
    assert ndcg_at_k(short, relevant, k=3)[0] == pytest.approx(discounts[:2].sum() / discounts.sum())
    assert ndcg_at_k(short, relevant)[0] == pytest.approx(1.0)  # k defaults to the lists' length, 2
    assert ndcg_at_k(np.array([[1, 4, 6, 0]]), relevant, k=2)[0] == pytest.approx(1.0)  # only the first k count


def test_ndcg_with_a_k_beyond_the_catalogue_is_the_catalogue_length_and_quick():
    relevant = np.zeros((2, 8), dtype=bool)
    relevant[0, [1, 4, 6]] = relevant[1, 3] = True
    lists = np.array([[1, 0], [2, 3]])
    np.testing.assert_allclose(ndcg_at_k(lists, relevant, k=10**12), ndcg_at_k(lists, relevant, k=8))


def test_ndcg_ideal_list_holds_min_k_and_relevant_hits():
    relevant = np.zeros((1, 8), dtype=bool)
    relevant[0, [2]] = True  # one relevant item, k = 5: the ideal DCG is that of one hit
    assert ndcg_at_k(np.array([[2, 0, 1, 3, 4]]), relevant, k=5)[0] == pytest.approx(1.0)
    assert ndcg_at_k(np.array([[0, 2, 1, 3, 4]]), relevant, k=5)[0] == pytest.approx(1 / np.log2(3))
    assert np.isnan(ndcg_at_k(np.array([[0, 1]]), np.zeros((1, 8), dtype=bool), k=5)[0])  # no relevant item


def test_ndcg_refuses_a_cutoff_that_is_not_a_positive_integer():
    lists, relevant = np.array([[0, 1]]), np.ones((1, 3), dtype=bool)
    with pytest.raises(ValueError, match="k"):
        ndcg_at_k(lists, relevant, k=0)
    with pytest.raises(TypeError, match="k"):
        ndcg_at_k(lists, relevant, k=2.5)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_property_metrics_are_bounded_and_a_perfect_list_scores_one(data):
    n_items, k = data.draw(st.integers(5, 20), label="items"), data.draw(st.integers(1, 5), label="k")
    relevant = np.array(data.draw(st.lists(st.booleans(), min_size=n_items, max_size=n_items)))[None]
    scores = np.array(data.draw(st.lists(st.floats(-1, 1), min_size=n_items, max_size=n_items)))[None]
    recommended = top_k_items(scores, k)
    for metric in (precision_at_k, recall_at_k, ndcg_at_k):
        value = metric(recommended, relevant)[0]
        assert np.isnan(value) or 0.0 <= value <= 1.0 + 1e-12
    if relevant.any():
        perfect = top_k_items(relevant.astype(float), k)  # every relevant item first
        assert ndcg_at_k(perfect, relevant)[0] == pytest.approx(1.0)
        assert recall_at_k(perfect, relevant)[0] == pytest.approx(min(k, relevant.sum()) / relevant.sum())


def test_metrics_agree_with_ir_measures():
    """The same lists scored by a well-kept IR library (trec_eval's definitions, via ir-measures)."""
    import ir_measures
    from ir_measures import P, R, nDCG

    rng = np.random.default_rng(0)
    n_users, n_items, k = 30, 40, 10
    scores = rng.normal(size=(n_users, n_items))  # distinct scores: no tie to break differently
    relevant = rng.random((n_users, n_items)) < 0.15
    relevant[0] = False  # a user without relevant items: skipped by both
    recommended = top_k_items(scores, k)
    qrels = {f"u{u}": {f"i{i}": 1 for i in np.flatnonzero(relevant[u])} for u in range(n_users) if relevant[u].any()}
    run = {f"u{u}": {f"i{i}": float(n_items - rank) for rank, i in enumerate(recommended[u])} for u in range(n_users)}
    theirs = {
        (m.query_id, str(m.measure)): m.value for m in ir_measures.iter_calc([P @ k, R @ k, nDCG @ k], qrels, run)
    }
    ours = {
        "P@10": precision_at_k(recommended, relevant),
        "R@10": recall_at_k(recommended, relevant),
        "nDCG@10": ndcg_at_k(recommended, relevant),
    }
    for u in range(1, n_users):
        for name, values in ours.items():
            assert values[u] == pytest.approx(theirs[(f"u{u}", name)], abs=1e-9), (u, name)


# --- the protocol -----------------------------------------------------------------------------------


TRAIN, VALID, TEST = low_rank_splits()


def test_evaluate_ranking_never_recommends_training_items_and_counts_skipped_users():
    scores = np.zeros(TRAIN.shape)
    scores[TRAIN.nonzero()] = 100.0  # a model that loves what users already rated
    report = evaluate_ranking(scores, TRAIN, TEST, k=5, threshold=4)
    relevant_users = int(((TEST >= 4).sum(axis=1) > 0).sum())
    assert report.n_users == relevant_users and report.n_users + report.n_skipped == TRAIN.shape[0]
    assert 0 <= report.ndcg <= 1 and report.per_user_ndcg.shape == (relevant_users,)
    row = report.as_row()
    assert set(row) == {"P@5", "R@5", "NDCG@5", "coverage", "popular share"}


def test_evaluate_ranking_checks_its_inputs():
    with pytest.raises(ValueError, match="must share one shape"):
        evaluate_ranking(np.zeros((3, 3)), TRAIN, TEST)
    with pytest.raises(ValueError, match="no user has a test rating of 9 or more"):
        evaluate_ranking(np.zeros(TRAIN.shape), TRAIN, TEST, threshold=9)


# --- the models ---------------------------------------------------------------------------------------


def test_weighted_als_at_w0_zero_fits_the_observed_ratings_and_at_one_the_zero_filled_matrix():
    masked = fit_weighted_als(TRAIN, k=3, reg=1e-4, w0=0.0, n_iters=30, seed=0)
    observed = TRAIN.nonzero()
    errors = weighted_scores(masked)[observed] - TRAIN.toarray()[observed]
    assert np.sqrt(np.mean(errors**2)) < 0.35  # the ratings are rank 2 plus rounding: nearly fitted
    zero_fill = fit_weighted_als(TRAIN, k=3, reg=1e-6, w0=1.0, n_iters=60, seed=0)
    svd = reconstruct(*truncated_svd(TRAIN.toarray(), 3))
    np.testing.assert_allclose(weighted_scores(zero_fill), svd, atol=1e-3)  # w0 = 1, no penalty: the SVD


def test_weighted_half_step_is_the_weighted_least_squares_solution_for_one_user():
    from helpers.models.ranking_models import _half_step

    rng = np.random.default_rng(1)
    items = rng.normal(size=(TRAIN.shape[1], 2))
    weights = TRAIN.copy()
    weights.data[:] = 1.0
    w0, reg = 0.2, 0.05
    users = _half_step(sp.csr_array(TRAIN), sp.csr_array(weights), items, w0, reg)
    rated = TRAIN[[0]].toarray()[0] != 0
    c = np.where(rated, 1.0, w0)  # every cell's weight for user 0
    t = np.where(rated, TRAIN[[0]].toarray()[0], 0.0)
    A = items.T @ (c[:, None] * items) + reg * c.sum() * np.eye(2)
    np.testing.assert_allclose(users[0], np.linalg.solve(A, items.T @ (c * t)), atol=1e-10)


def test_implicit_als_update_is_the_implicit_librarys():
    """One user half-step of fit_implicit_als against the implicit library's own least-squares update."""
    from implicit.cpu.als import least_squares

    from helpers.models.ranking_models import _half_step

    items = np.random.default_rng(2).normal(scale=0.3, size=(TRAIN.shape[1], 4))
    targets, confidence = sp.csr_array(TRAIN), sp.csr_array(TRAIN)
    targets.data = np.ones_like(targets.data)
    confidence.data = 1.0 + 2.0 * confidence.data
    ours = _half_step(targets, confidence, items, w0=1.0, reg=0.1, weighted=False)
    theirs = np.zeros_like(ours)
    least_squares(sp.csr_matrix(confidence), theirs, items, 0.1)  # implicit reads its input as the confidence
    np.testing.assert_allclose(ours, theirs, atol=1e-8)
    model = fit_implicit_als(TRAIN, k=4, reg=0.1, alpha=2.0, n_iters=5, seed=0)
    assert model.user_factors.shape == (TRAIN.shape[0], 4) and model.settings["alpha"] == 2.0


def test_ease_has_a_zero_diagonal_and_solves_its_ridge_regression():
    model = fit_ease(TRAIN, reg=5.0)
    B = model.weights
    assert np.allclose(np.diag(B), 0.0)
    X = (TRAIN.toarray() != 0).astype(float)
    j = 3  # column j of B: ridge regression of X[:, j] on the other columns
    others = np.delete(np.arange(X.shape[1]), j)
    ridge = np.linalg.solve(X[:, others].T @ X[:, others] + 5.0 * np.eye(others.size), X[:, others].T @ X[:, j])
    np.testing.assert_allclose(B[others, j], ridge, atol=1e-8)
    np.testing.assert_allclose(ease_scores(model, TRAIN), X @ B, atol=1e-12)


def test_fold_in_weighted_is_the_model_user_step_for_one_user():
    from helpers import ImplicitModel, fold_in_weighted
    from helpers.models.ranking_models import _half_step

    for model in (
        fit_weighted_als(TRAIN, k=3, reg=0.05, w0=0.2, n_iters=5, seed=0),
        fit_implicit_als(TRAIN, k=3, reg=0.1, alpha=1.0, n_iters=5, seed=0),
    ):
        row = TRAIN[[4]]
        scores = fold_in_weighted(model, row.indices, row.data)
        if isinstance(model, ImplicitModel):
            targets, weights = row.copy(), row.copy()
            targets.data[:], weights.data = 1.0, 1.0 + model.alpha * row.data
            user = _half_step(sp.csr_array(targets), sp.csr_array(weights), model.item_factors, 1.0, 0.1, False)[0]
        else:
            weights = row.copy()
            weights.data[:] = 1.0
            user = _half_step(sp.csr_array(row), sp.csr_array(weights), model.item_factors, 0.2, 0.05)[0]
        np.testing.assert_allclose(scores, model.item_factors @ user, atol=1e-10)
        assert not fold_in_weighted(model, [], []).any()


@pytest.mark.parametrize(
    "build, error, message",
    [
        (
            lambda h: h.WeightedModel(np.ones((4, 2)), np.ones((3, 3)), reg=0.1, w0=0.1, n_iters=1),
            ValueError,
            "same number",
        ),
        (
            lambda h: h.WeightedModel(np.ones((4, 2)), np.ones((3, 2)), reg=0.1, w0=2.0, n_iters=1),
            ValueError,
            "w0 must be",
        ),
        (
            lambda h: h.WeightedModel(np.ones((4, 2)), np.ones((3, 2)), reg=-1.0, w0=0.1, n_iters=1),
            ValueError,
            "reg must",
        ),
        (
            lambda h: h.ImplicitModel(np.ones((4, 2)), np.ones((3, 2)), reg=0.1, alpha="1", n_iters=1),
            TypeError,
            "alpha",
        ),
        (lambda h: h.EASEModel(np.ones((3, 3)), TRAIN, reg=1.0), ValueError, "weights must be the items x items"),
    ],
)
def test_hand_built_ranking_models_are_checked(build, error, message):
    import helpers

    with pytest.raises(error, match=message):
        build(helpers)


# --- the metrics' domain: any valid lists score in [0, 1]; impossible lists are refused ----------


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.data(), n_users=st.integers(1, 5), n_items=st.integers(1, 8))
def test_every_metric_of_any_valid_lists_lies_in_0_1(data, n_users, n_items):
    k = data.draw(st.integers(1, n_items))
    rows = [data.draw(st.permutations(range(n_items)))[:k] for _ in range(n_users)]
    recommended = np.array(rows, dtype=np.int64)
    relevant = data.draw(hnp.arrays(bool, (n_users, n_items)))
    for metric in (precision_at_k, recall_at_k, ndcg_at_k):
        values = metric(recommended, relevant)
        finite = values[~np.isnan(values)]
        assert ((finite >= 0) & (finite <= 1 + 1e-12)).all(), metric.__name__
        assert np.isnan(values).sum() <= (~relevant.any(axis=1)).sum()  # NaN only for a user with nothing relevant
    assert 0 < catalogue_coverage(recommended, n_items) <= 1


def test_a_list_that_repeats_an_item_is_refused_by_every_metric():
    relevant = np.array([[True, False, True]])
    for metric in (precision_at_k, recall_at_k, ndcg_at_k):
        with pytest.raises(ValueError, match="recommended lists item 0 twice for user \\(row\\) 0"):
            metric(np.array([[0, 0]]), relevant)


def test_empty_lists_are_refused_instead_of_scoring_nan():
    with pytest.raises(ValueError, match="k = 0"):
        ndcg_at_k(np.zeros((2, 0), dtype=int), np.ones((2, 3), bool))


def test_evaluating_on_the_training_ratings_is_refused():
    with pytest.raises(ValueError, match="test shares .* pair\\(s\\) with train"):
        evaluate_ranking(np.zeros(TRAIN.shape), TRAIN, TRAIN)


# --- normalised recall, candidate sets, the validation search -----------------------------------


def test_normalised_recall_divides_by_what_a_list_of_k_could_hold():
    recommended = np.array([[0, 1, 2], [0, 1, 2]])
    relevant = np.zeros((2, 6), dtype=bool)
    relevant[0, [0, 1, 3, 4, 5]] = True  # five relevant, two found: recall 2/5, normalised 2/3
    relevant[1, [2]] = True  # one relevant, found: both 1
    np.testing.assert_allclose(recall_at_k(recommended, relevant), [0.4, 1.0])
    np.testing.assert_allclose(normalised_recall_at_k(recommended, relevant), [2 / 3, 1.0])


def test_evaluate_ranking_reports_normalised_recall_and_the_recall_ceiling():
    scores = np.random.default_rng(0).normal(size=TRAIN.shape)
    report = evaluate_ranking(scores, TRAIN, TEST, k=2, threshold=4)
    n_relevant = (TEST >= 4).toarray().sum(axis=1)
    n_relevant = n_relevant[n_relevant > 0]
    assert report.n_relevant.tolist() == n_relevant.tolist()
    assert report.recall_ceiling == pytest.approx(np.mean(np.minimum(n_relevant, 2) / n_relevant))
    assert report.recall <= report.normalised_recall <= 1


def test_candidates_limit_both_the_lists_and_the_relevant_films():
    scores = np.random.default_rng(1).normal(size=TRAIN.shape)
    allowed = np.zeros(TRAIN.shape[1], dtype=bool)
    allowed[::2] = True
    report = evaluate_ranking(scores, TRAIN, TEST, k=2, threshold=4, candidates=allowed)
    relevant = (TEST >= 4).toarray() & allowed
    assert report.n_users == int(relevant.any(axis=1).sum())
    # the same figures by hand: non-candidates pushed below every candidate
    lists = top_k_items(np.where(allowed, scores, -1e9), 2, exclude=TRAIN)
    users = np.flatnonzero(relevant.any(axis=1))
    np.testing.assert_allclose(report.per_user_ndcg, ndcg_at_k(lists[users], relevant[users]))
    full = evaluate_ranking(scores, TRAIN, TEST, k=2, threshold=4, candidates=np.ones(TRAIN.shape[1], dtype=bool))
    assert full.ndcg == evaluate_ranking(scores, TRAIN, TEST, k=2, threshold=4).ndcg


def test_taste_protocol_ranks_only_each_users_test_films():
    scores = np.random.default_rng(2).normal(size=TRAIN.shape)
    reports = ranking_protocols(scores, TRAIN, TEST, min_ratings=1, k=2, threshold=4)
    assert list(reports) == ["choice", "films with >= 1 ratings", "taste"]
    taste = reports["taste"]
    test_films = TEST.toarray() != 0
    lists = top_k_items(np.where(test_films, scores, -1e9), 2, exclude=TRAIN)
    relevant = (TEST >= 4).toarray()
    users = taste.scored_users
    np.testing.assert_allclose(taste.per_user_ndcg, ndcg_at_k(lists[users], relevant[users]))
    # a model that scores each test film by its rating ranks perfectly by taste
    oracle = evaluate_ranking(TEST.toarray(), TRAIN, TEST, k=2, threshold=4, candidates=TEST)
    assert oracle.ndcg == pytest.approx(1.0)


def test_top_k_by_partition_equals_a_stable_full_sort():
    rng = np.random.default_rng(3)
    for trial in range(200):
        n_users, n_items = rng.integers(1, 20), rng.integers(2, 120)
        k = int(rng.integers(1, n_items + 1))
        scores = (
            rng.integers(0, 3, size=(n_users, n_items)).astype(float)
            if trial % 2
            else rng.normal(size=(n_users, n_items))
        )
        expected = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        np.testing.assert_array_equal(top_k_items(scores, k), expected)


def test_tune_on_validation_starts_from_the_middle_of_each_ladder_unless_told():
    calls = []

    def evaluate(settings):
        calls.append(dict(settings))
        return {"score": -((settings["a"] - 1) ** 2) - (settings["b"] - 40) ** 2}

    tuning = tune_on_validation(evaluate, {"a": [1, 2, 3, 4], "b": [10, 20, 40]}, metric="score", higher_is_better=True)
    assert calls[0] == {"a": 2, "b": 20} == tuning.start  # the lower middle of an even ladder
    assert tuning.chosen == {"a": 1, "b": 40}
    assert "from a=2, b=20" in str(tuning)


def test_tune_on_validation_climbs_to_an_interior_optimum_and_reports_ladder_ends():
    calls = []

    def evaluate(settings):
        calls.append(dict(settings))
        return {"score": -((settings["a"] - 3) ** 2) - (settings["b"] - 0.3) ** 2, "other": settings["a"]}

    tuning = tune_on_validation(
        evaluate,
        {"a": [1, 2, 3, 4, 5], "b": [0.1, 0.3, 1.0]},
        {"a": 1, "b": 1.0},
        metric="score",
        higher_is_better=True,
    )
    assert tuning.chosen == {"a": 3, "b": 0.3} and tuning.measures["other"] == 3
    assert len(calls) == tuning.n_fits == len({tuple(c.values()) for c in calls})  # each setting fitted once
    assert "a=3 (interior)" in tuning.report() and "b=0.3 (interior)" in tuning.report()
    assert [value for value, _ in tuning.along("a")] == [2, 3, 4]
    short = tune_on_validation(
        lambda s: {"score": s["a"]},
        {"a": [1, 2]},
        {"a": 1},
        metric="score",
        higher_is_better=True,
        limits={"a": "the budget"},
    )
    assert short.chosen == {"a": 2} and "largest tried" in short.report() and "a: the budget" in short.report()
    lowest = tune_on_validation(
        lambda s: {"rmse": (s["a"] - 2) ** 2}, {"a": [1, 2, 3]}, {"a": 3}, metric="rmse", higher_is_better=False
    )
    assert lowest.chosen == {"a": 2}
