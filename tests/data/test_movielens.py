"""MovieLens loader: folders, the downloaded archive (served from memory: no test uses the network), folds, matrix."""

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pooch
import pytest
import requests

from helpers.data import movielens_files as movielens
from helpers.data.movielens import (
    item_index,
    item_of_column,
    items_by_title,
    movielens_fold,
    ratings_matrix,
    user_index,
    user_of_row,
    validation_split,
)
from helpers.data.movielens_files import GENRES, MovieLensError, load_movielens_100k

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "ml-100k"
needs_real_data = pytest.mark.skipif(
    not (REAL / "u.data").is_file(),
    reason=f"the offline MovieLens 100K copy is not at {REAL} (it is in the course checkout and CI)",
)

U_DATA = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t1\t1\t878887116\n196\t1\t5\t881250950\n"
FLAGS = {"toy": "0|0|0|1|1|1" + "|0" * 13, "gold": "0|1|1" + "|0" * 13 + "|1|0|0", "unknown": "1" + "|0" * 18}
U_ITEM = (
    f"1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|{FLAGS['toy']}\n"
    f"242|Misérables, Les (1995)||||{FLAGS['gold']}\n"
    f"267|unknown||||{FLAGS['unknown']}\n"
    f"302|Land Before Time III: The Time of the Great Giving (1995) (V)||||{FLAGS['toy']}\n"
)
U_GENRE = "".join(f"{name}|{index}\n" for index, name in enumerate(GENRES)) + "\n"


def write_folder(folder, data=U_DATA, item=U_ITEM, genre=U_GENRE):
    """A folder in GroupLens's layout; a file given as None is left out."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("u.data", data), ("u.item", item), ("u.genre", genre)):
        if text is not None:
            (folder / name).write_bytes(text.encode("latin-1") if isinstance(text, str) else text)
    return folder


def make_zip(files=None, extra=()):
    """Bytes of a zip archive holding ml-100k/<name> for each of `files`, plus raw `extra` entries."""
    files = {"u.data": U_DATA, "u.item": U_ITEM, "u.genre": U_GENRE} if files is None else files
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(f"ml-100k/{name}", text.encode("latin-1"))
        for name, text in extra:
            archive.writestr(zipfile.ZipInfo(name), text)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def small_copies_pass_the_integrity_check(request, monkeypatch):
    """The parsing tests read four-line files; the integrity tests (below) read damaged copies of the real data."""
    if not {"real", "damaged"} & set(request.fixturenames):
        monkeypatch.setattr(movielens, "integrity_problem", lambda ratings, items: None)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """No environment variable from conftest, and any attempt to reach the network fails the test."""
    monkeypatch.delenv(movielens.ENV_VAR, raising=False)

    def refuse(self, request, **kwargs):
        raise AssertionError(f"a test tried to use the network: {request.url}")

    monkeypatch.setattr(requests.Session, "send", refuse)


class Server:
    """Stands in for files.grouplens.org below requests, so pooch's real download code runs."""

    def __init__(self, monkeypatch):
        self.payload, self.error, self.fail_after, self.requests = b"", None, None, 0
        monkeypatch.setattr(requests.Session, "send", self.send)

    def serve(self, payload, monkeypatch, *, published_md5=False):
        """Serve `payload`; unless published_md5, make the loader expect its MD5."""
        self.payload = payload
        if not published_md5:
            monkeypatch.setattr(movielens, "ARCHIVE_MD5", hashlib.md5(payload).hexdigest())

    def send(self, request, **kwargs):
        self.requests += 1
        if self.error is not None:
            raise self.error
        response = requests.Response()
        response.status_code, response.url = 200, request.url
        response.raw = io.BytesIO(self.payload)
        if self.fail_after is not None:  # the connection drops part-way through the body
            cut = self.fail_after
            body = io.BytesIO(self.payload[:cut])

            def read(size=-1, **kwargs):
                chunk = body.read(size)
                if not chunk:
                    raise requests.exceptions.ConnectionError("connection reset by peer")
                return chunk

            response.raw = type("Raw", (), {"read": staticmethod(read)})()
        return response


@pytest.fixture
def server(monkeypatch):
    return Server(monkeypatch)


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


# --- folders -----------------------------------------------------------------------------


def test_folder_loads_with_original_ids_order_dtypes_years_and_genres(tmp_path):
    ratings, items = load_movielens_100k(write_folder(tmp_path / "ml"))
    assert list(ratings.columns) == ["user", "item", "rating", "timestamp"]
    assert all(pd.api.types.is_integer_dtype(dtype) for dtype in ratings.dtypes)
    assert ratings.values.tolist() == [[int(x) for x in line.split("\t")] for line in U_DATA.splitlines()]
    assert list(items.columns) == ["item", "title", "year", "genres"]
    assert items["item"].tolist() == [1, 242, 267, 302]
    assert items["title"].iloc[1] == "Misérables, Les (1995)"  # latin-1
    assert str(items["year"].dtype) == "Int64"
    assert items["year"].iloc[0] == 1995 and items["year"].iloc[3] == 1995 and pd.isna(items["year"].iloc[2])
    assert items["genres"].tolist() == [
        "Animation|Children's|Comedy",
        "Action|Adventure|Thriller",
        "unknown",
        "Animation|Children's|Comedy",
    ]


def test_genre_names_come_from_u_genre_or_the_standard_list(tmp_path):
    _, standard = load_movielens_100k(write_folder(tmp_path / "a", genre=None))
    renamed = U_GENRE.replace("Action|1", "Action films|1")
    _, custom = load_movielens_100k(write_folder(tmp_path / "b", genre=renamed))
    assert standard["genres"].iloc[1] == "Action|Adventure|Thriller"
    assert custom["genres"].iloc[1] == "Action films|Adventure|Thriller"


def test_environment_variable_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("MOVIELENS_100K_DIR", str(write_folder(tmp_path / "ml")))
    ratings, _ = load_movielens_100k()
    assert len(ratings) == 4


def test_data_dir_argument_overrides_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("MOVIELENS_100K_DIR", str(tmp_path / "nowhere"))
    ratings, _ = load_movielens_100k(write_folder(tmp_path / "ml", data=U_DATA.splitlines(True)[0]))
    assert len(ratings) == 1


def test_missing_folder_names_the_argument_or_the_variable(tmp_path, monkeypatch):
    with pytest.raises(MovieLensError, match="data_dir .* does not exist"):
        load_movielens_100k(tmp_path / "nowhere")
    monkeypatch.setenv("MOVIELENS_100K_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(MovieLensError, match="MOVIELENS_100K_DIR .* does not exist.*unset MOVIELENS_100K_DIR"):
        load_movielens_100k()
    with pytest.raises(TypeError, match="data_dir must be a folder path"):
        load_movielens_100k(42)


@pytest.mark.parametrize("missing", ["u.data", "u.item"])
def test_missing_file_in_the_folder_is_reported(tmp_path, missing):
    folder = write_folder(tmp_path / "ml", **{missing[2:]: None})
    with pytest.raises(MovieLensError, match=rf"u\.{missing[2:]} is missing.*MOVIELENS_100K_DIR"):
        load_movielens_100k(folder)


def test_missing_file_hints_at_the_nested_ml_100k_folder(tmp_path):
    write_folder(tmp_path / "download" / "ml-100k")
    with pytest.raises(MovieLensError, match="point data_dir there"):
        load_movielens_100k(tmp_path / "download")


@pytest.mark.parametrize(
    "bad_line, problem",
    [
        ("5\t6\t3", "expected 4 tab-separated fields .* got 3"),
        ("5\t6\t3\t881250949\t1", "expected 4 tab-separated fields .* got 5"),
        ("5 6 3 881250949", "expected 4 tab-separated fields .* got 1"),
        ("5\tsix\t3\t881250949", "item 'six' is not an integer"),
        ("5\t6\tNA\t881250949", "rating 'NA' is not an integer"),
        ("5\t6\t3.5\t881250949", "rating '3.5' is not an integer"),
        ("", "empty line"),
        ("5\t6\t0\t881250949", "rating must be 1 to 5, got rating 0"),
        ("5\t6\t6\t881250949", "rating must be 1 to 5, got rating 6"),
        ("0\t6\t3\t881250949", "user id must be 1 or more .* got user 0"),
        ("5\t0\t3\t881250949", "item id must be 1 or more .* got item 0"),
        ("-5\t6\t3\t881250949", "user id must be 1 or more"),
        ("5\t6\t3\t-1", "timestamp must not be negative"),
    ],
)
def test_malformed_rating_rows_are_reported_as_file_and_line(tmp_path, bad_line, problem):
    lines = U_DATA.splitlines()
    data = "\n".join(lines[:2] + [bad_line] + lines[2:]) + "\n"
    folder = write_folder(tmp_path / "ml", data=data)
    with pytest.raises(MovieLensError, match=rf"u\.data:3: {problem}") as caught:
        load_movielens_100k(folder)
    assert str(folder / "u.data") in str(caught.value)


def test_trailing_blank_line_and_windows_line_ends_are_accepted(tmp_path):
    ratings, _ = load_movielens_100k(write_folder(tmp_path / "ml", data=U_DATA.replace("\n", "\r\n") + "\r\n"))
    assert len(ratings) == 4


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda text: text.replace("|0|0|0|1|1|1", "|0|0|1|1|1", 1), r"u\.item:1: expected 24 '\|'-separated fields"),
        (lambda text: text.replace("267|", "242|"), r"u\.item:3: item 242 is listed twice \(also on line 2\)"),
        (lambda text: text.replace("267|", "x|"), r"u\.item:3: item id must be an integer"),
        (lambda text: text.replace("|1" + "|0" * 18, "|2" + "|0" * 18), r"u\.item:3: genre flags must be 0 or 1"),
    ],
)
def test_malformed_item_rows_are_reported_as_file_and_line(tmp_path, change, problem):
    with pytest.raises(MovieLensError, match=problem):
        load_movielens_100k(write_folder(tmp_path / "ml", item=change(U_ITEM)))


def test_a_rating_of_an_unlisted_item_is_reported(tmp_path):
    with pytest.raises(MovieLensError, match=r"u\.data:2: item 302 is not listed in .*u\.item"):
        load_movielens_100k(write_folder(tmp_path / "ml", item=U_ITEM.replace("302|", "303|")))


def test_empty_u_data_is_reported(tmp_path):
    with pytest.raises(MovieLensError, match=r"u\.data: the file is empty"):
        load_movielens_100k(write_folder(tmp_path / "ml", data=""))


# --- the downloaded archive ----------------------------------------------------------------


def test_archive_is_downloaded_once_verified_cached_and_read_without_extracting(tmp_path, server, cache, monkeypatch):
    server.serve(make_zip(), monkeypatch)
    ratings, items = load_movielens_100k(cache_dir=cache)
    again, _ = load_movielens_100k(cache_dir=cache)
    assert server.requests == 1
    assert sorted(p.name for p in cache.iterdir()) == ["ml-100k.zip"]
    folder_ratings, folder_items = load_movielens_100k(write_folder(tmp_path / "ml"))
    pd.testing.assert_frame_equal(ratings, folder_ratings)
    pd.testing.assert_frame_equal(items, folder_items)
    pd.testing.assert_frame_equal(again, folder_ratings)


def test_archive_is_used_only_when_no_folder_is_given(tmp_path, server, cache, monkeypatch):
    server.serve(make_zip(), monkeypatch)
    monkeypatch.setenv("MOVIELENS_100K_DIR", str(write_folder(tmp_path / "ml")))
    load_movielens_100k(cache_dir=cache)
    monkeypatch.setenv("MOVIELENS_100K_DIR", "")
    load_movielens_100k(cache_dir=cache)
    assert server.requests == 1


def test_checksum_mismatch_is_reported_and_nothing_is_cached(server, cache, monkeypatch):
    server.serve(make_zip(), monkeypatch, published_md5=True)
    with pytest.raises(MovieLensError, match="checksum mismatch.*MOVIELENS_100K_DIR"):
        load_movielens_100k(cache_dir=cache)
    assert server.requests == 1 and list(cache.iterdir()) == []


def test_no_network_message_says_how_to_work_offline(cache, monkeypatch):
    def no_network(*args, **kwargs):
        raise requests.exceptions.ConnectionError("Failed to resolve 'files.grouplens.org'")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    with pytest.raises(MovieLensError, match="could not download .*ConnectionError.*MOVIELENS_100K_DIR"):
        load_movielens_100k(cache_dir=cache)


def test_no_network_below_pooch_leaves_nothing_in_the_cache(server, cache):
    server.error = requests.exceptions.ConnectionError("Failed to resolve 'files.grouplens.org'")
    with pytest.raises(MovieLensError, match="MOVIELENS_100K_DIR"):
        load_movielens_100k(cache_dir=cache)
    assert list(cache.iterdir()) == []


def test_a_download_cut_part_way_leaves_no_half_written_file(server, cache, monkeypatch):
    payload = make_zip()
    server.serve(payload, monkeypatch)
    server.fail_after = len(payload) // 2
    with pytest.raises(MovieLensError, match="could not download .*connection reset"):
        load_movielens_100k(cache_dir=cache)
    assert server.requests == 1 and list(cache.iterdir()) == []


def test_a_corrupt_cached_archive_is_detected_and_downloaded_again(server, cache, monkeypatch):
    payload = make_zip()
    server.serve(payload, monkeypatch)
    load_movielens_100k(cache_dir=cache)
    cached = cache / "ml-100k.zip"
    cached.write_bytes(payload[: len(payload) // 2])  # truncated later, e.g. by a full disk
    load_movielens_100k(cache_dir=cache)
    assert server.requests == 2 and cached.read_bytes() == payload
    cached.write_bytes(payload[:-1] + b"x")
    server.error = requests.exceptions.ConnectionError("offline")
    with pytest.raises(MovieLensError, match=r"cached copy .*ml-100k\.zip does not match .*MOVIELENS_100K_DIR"):
        load_movielens_100k(cache_dir=cache)


def test_truncated_archive_is_reported(server, cache, monkeypatch):
    payload = make_zip()
    server.serve(payload[: len(payload) // 2], monkeypatch)  # as if its checksum matched
    with pytest.raises(MovieLensError, match="not a readable zip archive .*truncated or corrupt"):
        load_movielens_100k(cache_dir=cache)


@pytest.mark.parametrize("entry", ["ml-100k/../../evil", "../evil", "/etc/evil", "ml-100k\\..\\evil", "C:/evil"])
def test_archive_with_an_entry_outside_its_folder_is_refused(server, cache, monkeypatch, entry):
    server.serve(make_zip(extra=[(entry, b"boom")]), monkeypatch)
    with pytest.raises(MovieLensError, match="points outside its folder.*refusing"):
        load_movielens_100k(cache_dir=cache)


def test_archive_without_u_item_is_reported(server, cache, monkeypatch):
    server.serve(make_zip({"u.data": U_DATA}), monkeypatch)
    with pytest.raises(MovieLensError, match=r"has no ml-100k/u\.item.*MOVIELENS_100K_DIR"):
        load_movielens_100k(cache_dir=cache)


def test_malformed_row_in_the_archive_names_the_member_and_line(server, cache, monkeypatch):
    server.serve(make_zip({"u.data": U_DATA + "1\t2\t9\t3\n", "u.item": U_ITEM}), monkeypatch)
    with pytest.raises(MovieLensError, match=r"ml-100k\.zip/ml-100k/u\.data:5: rating must be 1 to 5"):
        load_movielens_100k(cache_dir=cache)


# --- the real data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return load_movielens_100k(REAL)


@needs_real_data
def test_real_data_has_the_known_sizes(real):
    ratings, items = real
    assert len(ratings) == 100_000 and len(items) == 1682
    assert ratings["rating"].between(1, 5).all()
    assert items["year"].isna().sum() == 1  # item 267, "unknown"


@needs_real_data
def test_real_folds_are_disjoint_and_cover_u_data_exactly(real):
    ratings, _ = real
    tests = []
    for fold in range(1, 6):
        train, test = movielens_fold(ratings, fold)
        assert (len(train), len(test)) == (80_000, 20_000)
        assert set(test.index) == set(range((fold - 1) * 20_000, fold * 20_000))
        assert set(train.index).isdisjoint(test.index)
        tests.append(test.index.to_numpy())
    np.testing.assert_array_equal(np.sort(np.concatenate(tests)), np.arange(100_000))


@needs_real_data
def test_fold_1_is_u1_base_and_u1_test_sorted_like_mku_sh(real):
    ratings, _ = real
    train, test = movielens_fold(ratings, 1)
    assert test.iloc[0].tolist() == [1, 6, 5, 887431973]  # the first line of GroupLens's u1.test
    for part in (train, test):
        keys = part["user"].to_numpy() * 10_000 + part["item"].to_numpy()
        assert np.all(np.diff(keys) > 0)
    pd.testing.assert_frame_equal(test.sort_index(), ratings.iloc[:20_000])


@needs_real_data
def test_real_ratings_matrix_shape_nnz_and_id_mapping(real):
    ratings, _ = real
    matrix = ratings_matrix(ratings)
    assert matrix.shape == (943, 1682) and matrix.nnz == 100_000
    first = ratings.iloc[0]  # user 196 rated item 242 with a 3
    assert matrix[user_index(first["user"]), item_index(first["item"])] == 3
    rows, columns = matrix.nonzero()
    got = set(zip(user_of_row(rows).tolist(), item_of_column(columns).tolist()))
    assert got == set(zip(ratings["user"].tolist(), ratings["item"].tolist()))


# --- folds, splits and the matrix on small data ---------------------------------------------


def synthetic(n=100_000, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "user": rng.integers(1, 944, n),
            "item": rng.integers(1, 1683, n),
            "rating": rng.integers(1, 6, n),
            "timestamp": np.arange(n),
        }
    )


@pytest.mark.parametrize("fold, error", [(0, ValueError), (6, ValueError), (1.0, TypeError), (True, TypeError)])
def test_movielens_fold_rejects_bad_folds(fold, error):
    with pytest.raises(error, match="fold"):
        movielens_fold(synthetic(), fold)


def test_movielens_fold_wants_all_ratings_in_file_order():
    ratings = synthetic()
    with pytest.raises(ValueError, match="all 100,000"):
        movielens_fold(ratings.iloc[:500], 1)
    with pytest.raises(ValueError, match="line order"):
        movielens_fold(ratings.sort_values("user"), 1)
    with pytest.raises(TypeError, match="DataFrame"):
        movielens_fold(ratings.to_numpy(), 1)


def test_movielens_fold_uses_timestamps_of_the_right_lines():
    train, test = movielens_fold(synthetic(), 3)
    assert sorted(test["timestamp"]) == list(range(40_000, 60_000))
    assert len(train) == 80_000 and not set(train["timestamp"]) & set(test["timestamp"])


def test_validation_split_is_seeded_disjoint_and_complete():
    train = synthetic(1000).iloc[::2]
    fit, valid = validation_split(train, 0.2, seed=1)
    assert (len(fit), len(valid)) == (400, 100)
    assert set(fit.index).isdisjoint(valid.index)
    assert sorted(fit.index.tolist() + valid.index.tolist()) == train.index.tolist()
    assert fit.index.is_monotonic_increasing and valid.index.is_monotonic_increasing
    pd.testing.assert_frame_equal(validation_split(train, 0.2, seed=1)[1], valid)
    assert not validation_split(train, 0.2, seed=2)[1].equals(valid)
    generator_valid = validation_split(train, 0.2, seed=np.random.default_rng(1))[1]
    assert len(generator_valid) == 100


@pytest.mark.parametrize(
    "fraction, error", [(0.0, ValueError), (1.0, ValueError), (1.5, ValueError), ("0.1", TypeError)]
)
def test_validation_split_rejects_bad_fractions(fraction, error):
    with pytest.raises(error, match="fraction"):
        validation_split(synthetic(100), fraction)


def test_ratings_matrix_places_ratings_by_one_rule():
    ratings = pd.DataFrame({"user": [1, 3, 3], "item": [2, 1, 4], "rating": [5, 1, 4]})
    matrix = ratings_matrix(ratings)
    assert matrix.shape == (3, 4)
    np.testing.assert_array_equal(matrix.toarray(), [[0, 5, 0, 0], [0, 0, 0, 0], [1, 0, 0, 4]])
    assert ratings_matrix(ratings, n_users=943, n_items=1682).shape == (943, 1682)


def test_ratings_matrix_rejects_duplicates_and_too_small_shapes():
    ratings = pd.DataFrame({"user": [1, 3, 1], "item": [2, 1, 2], "rating": [5, 1, 4]}, index=[10, 11, 12])
    with pytest.raises(ValueError, match=r"user 1, item 2 twice \(rows labelled 10 and 12\)"):
        ratings_matrix(ratings)
    with pytest.raises(ValueError, match=r"n_items must be at least the largest id in ratings \(4\), got 3"):
        ratings_matrix(pd.DataFrame({"user": [1], "item": [4], "rating": [3]}), n_items=3)
    with pytest.raises(ValueError, match=r"ratings\['user'\] must all be 1 or more"):
        ratings_matrix(pd.DataFrame({"user": [0], "item": [1], "rating": [3]}))
    with pytest.raises(ValueError, match="columns"):
        ratings_matrix(pd.DataFrame({"user": [1], "item": [1]}))


@pytest.mark.parametrize("user", [2**31, 2**40, np.uint64(2**63), np.uint64(2**64 - 1)])
def test_ids_too_large_for_memory_are_refused_before_any_allocation(user):
    import tracemalloc

    tracemalloc.start()
    with pytest.raises(ValueError, match=r"ratings\['user'\] must all be at most 10,000,000"):
        ratings_matrix(pd.DataFrame({"user": np.array([user]), "item": [1], "rating": [3.0]}))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 2**20  # nothing the size of the matrix was attempted
    with pytest.raises(ValueError, match="user_ids must all be at most"):
        user_index(np.array([user]))
    with pytest.raises(ValueError, match="n_users must be between 1 and 10000000"):
        ratings_matrix(pd.DataFrame({"user": [1], "item": [1], "rating": [3.0]}), n_users=int(user))


def test_id_mapping_round_trips_and_validates():
    ids = np.array([1, 5, 943])
    np.testing.assert_array_equal(user_index(ids), [0, 4, 942])
    np.testing.assert_array_equal(user_of_row(user_index(ids)), ids)
    np.testing.assert_array_equal(item_of_column(item_index(ids)), ids)
    assert item_index(1682) == 1681 and item_of_column(0) == 1
    with pytest.raises(ValueError, match="item_ids must all be 1 or more, got 0"):
        item_index([0, 1])
    with pytest.raises(TypeError, match="user_ids must be integer ids"):
        user_index([1.0])


def test_an_archive_whose_entry_escapes_its_folder_is_refused(server, cache, monkeypatch):
    server.serve(make_zip(extra=[("ml-100k/../../escaped", b"x")]), monkeypatch)
    with pytest.raises(MovieLensError, match=r"'ml-100k/\.\./\.\./escaped' that points outside its folder"):
        load_movielens_100k(cache_dir=cache)


# --- damaged local copies: refused, saying what to do ---------------------------------------


@pytest.fixture
def damaged(tmp_path):
    """damaged(change_data, change_item) -> a copy of the real folder with its u.data/u.item bytes changed."""

    def make(change_data=lambda b: b, change_item=lambda b: b):
        folder = tmp_path / "ml-100k"
        folder.mkdir()
        (folder / "u.data").write_bytes(change_data((REAL / "u.data").read_bytes()))
        (folder / "u.item").write_bytes(change_item((REAL / "u.item").read_bytes()))
        (folder / "u.genre").write_bytes((REAL / "u.genre").read_bytes())
        return folder

    return make


def _lines_kept(n):
    return lambda data: b"".join(data.splitlines(keepends=True)[:n])


DAMAGE = {
    "cut in half": (_lines_kept(50_000), "has 50,000 ratings, but MovieLens 100K has exactly 100,000"),
    "one line": (_lines_kept(1), "has 1 ratings"),
    "its last timestamp cut": (lambda d: d.rstrip(b"\r\n")[:-5] + b"\n", "line 100000 of u.data has timestamp"),
    "a line repeated": (lambda d: d.splitlines(keepends=True)[0] + d[: d.rstrip().rfind(b"\n") + 1], "twice"),
    "another data set's users": (lambda d: d.replace(b"\n196\t", b"\n5000\t"), "users are not the ids 1..943"),
}


@needs_real_data
@pytest.mark.parametrize("change, message", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_local_copy_is_refused_with_what_to_do(damaged, monkeypatch, change, message):
    folder = damaged(change)
    with pytest.raises(MovieLensError, match=message) as refused:
        load_movielens_100k(folder)
    assert "not a complete copy of MovieLens 100K" in str(refused.value)
    assert "official archive" in str(refused.value) and movielens.ARCHIVE_URL in str(refused.value)
    monkeypatch.setenv(movielens.ENV_VAR, str(folder))
    with pytest.raises(MovieLensError, match=f"unset {movielens.ENV_VAR} to download it"):
        load_movielens_100k()


@needs_real_data
def test_an_extra_column_is_reported_as_a_column_problem_not_a_rating_problem(damaged):
    folder = damaged(lambda d: d.replace(b"\n", b"\t0\n"))  # a fifth, numeric column
    with pytest.raises(MovieLensError, match="expected 4 tab-separated fields"):
        load_movielens_100k(folder)


@needs_real_data
def test_u_item_saved_again_as_utf8_keeps_its_titles(damaged, real):
    folder = damaged(change_item=lambda b: b.decode("latin-1").encode("utf-8"))
    _, items = load_movielens_100k(folder)
    pd.testing.assert_frame_equal(items, real[1])
    accented = items["title"][items["title"].str.contains("é")]
    assert len(accented) > 0 and not items["title"].str.contains("Ã").any()


def test_a_title_movielens_lists_twice_is_not_resolved_silently():
    items = pd.DataFrame({"item": [246, 268, 1], "title": ["Chasing Amy (1997)"] * 2 + ["Toy Story (1995)"]})
    with pytest.raises(ValueError, match=r"'Chasing Amy \(1997\)' is the title of 2 items \(ids \[246, 268\]\)"):
        items_by_title(items, ["Chasing Amy (1997)"])
    assert list(items_by_title(items, ["Toy Story (1995)"])) == [1]


def test_block_validation_split_holds_out_one_block_of_the_file_like_a_test_fold():
    from helpers import block_validation_split

    frame = pd.DataFrame({"user": np.arange(20) // 4 + 1, "item": np.arange(20) % 4 + 1, "rating": 4.0})
    train = frame.iloc[4:].sample(frac=1.0, random_state=0)  # labels 4..19, shuffled as a sort would
    fit, valid = block_validation_split(train, 0.25)
    assert sorted(valid.index) == [4, 5, 6, 7]  # the first quarter of the lines, not a random sample
    assert set(valid["user"]) == {2}
    assert list(fit.index) == [i for i in train.index if i not in valid.index]  # train's order kept


def test_film_features_flags_genres_and_decades():
    from helpers.data.movielens import film_features

    items = pd.DataFrame(
        {
            "item": [1, 3, 2],
            "year": pd.array([1995, 1950, None], dtype="Int64"),
            "genres": ["Comedy|Drama", "Drama", ""],
        }
    )
    features, names = film_features(items)
    assert names == ["Comedy", "Drama", "before 1960", "1960s", "1970s", "1980s", "1990s"]
    np.testing.assert_array_equal(features[0], [1, 1, 0, 0, 0, 0, 1])  # item 1: row 0
    np.testing.assert_array_equal(features[1], [0, 0, 0, 0, 0, 0, 0])  # item 2: no genre, no year
    np.testing.assert_array_equal(features[2], [0, 1, 1, 0, 0, 0, 0])  # item 3, 1950
