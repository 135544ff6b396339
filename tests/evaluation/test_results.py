import pytest

from helpers import ResultsTable


def test_results_table_prints_each_row_and_shows_them_best_first(capsys):
    table = ResultsTable(sort_by="RMSE")
    table.add("mean", RMSE=1.154, MAE=0.968, seconds=0.0)
    table.add("ALS", RMSE=0.926, MAE=0.732, seconds=0.61, settings="k=50")
    assert capsys.readouterr().out.splitlines() == [
        "mean: RMSE 1.154, MAE 0.968, fit 0.00 s",
        "ALS: RMSE 0.926, MAE 0.732, fit 0.61 s, k=50",
    ]
    frame = table.frame()
    assert list(frame.index) == ["ALS", "mean"] and [t.strip() for t in frame["fit time"]] == ["0.61 s", "0.00 s"]
    assert table.best() == "ALS" and table["mean"]["MAE"] == 0.968 and "ALS" in table
    assert table.records()[0] == {"method": "mean", "RMSE": 1.154, "MAE": 0.968, "fit time": 0.0}
    assert "<table" in table._repr_html_()


def test_results_table_sorted_descending_for_scores():
    table = ResultsTable(sort_by="NDCG@10", ascending=False)
    table.add("popularity", **{"NDCG@10": 0.25})
    table.add("EASE", **{"NDCG@10": 0.45})
    assert table.best() == "EASE" and list(table.frame().index) == ["EASE", "popularity"]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda t: t.add("x", MAE=1.0), ValueError, "needs the score this table sorts by, RMSE="),
        (lambda t: t.add("x", RMSE="low"), TypeError, "score RMSE must be a number"),
        (lambda t: t.add("", RMSE=1.0), TypeError, "method must be a non-empty name"),
    ],
)
def test_results_table_rejects_bad_rows(call, error, message):
    with pytest.raises(error, match=message):
        call(ResultsTable(sort_by="RMSE"))


def test_an_empty_table_displays_and_says_what_is_missing():
    table = ResultsTable("RMSE")
    assert "RMSE" in repr(table) and "<table" in table._repr_html_()
    with pytest.raises(ValueError, match="the table is empty"):
        table.best()
    with pytest.raises(KeyError, match="no row named 'ALS'"):
        table["ALS"]
