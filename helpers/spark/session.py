"""Start and stop Spark quietly: a local session tuned for small data, or a cluster's, unchanged."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core.constraints import Flag, Optional, constrained
from helpers.core.container_constraints import Instance
from helpers.core.memory import configure_process
from helpers.spark.java import JavaRuntime, find_java

__all__ = ["SparkRun", "SparkStartError", "is_local_master", "start_spark", "write_spark_conf_dir"]

DEFAULT_MASTER = "local[*]"
# The JVM options start_spark sets in local mode (Spark adds its own, e.g. -XX:+IgnoreUnrecognizedVMOptions).
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

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


class SparkStartError(RuntimeError):
    """Spark's JVM did not start; the message quotes the end of its log.

    Introduced in notebook 06.
    """


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
    """A running Spark session started by `start_spark`: `.session`, where its files are, and `.stop()`.

    Introduced in notebook 06.
    """

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


@constrained(
    master=Instance(str, "be a Spark master URL such as 'local[*]'"),  # blank: a ValueError, in the body
    app_name=Instance(str, "be a non-empty string", allow_empty=False),
    checkpoint_dir=Optional(Instance(str, "be a folder path or URL as a string")),
    ui=Flag(),
    conf=Optional(Instance(dict, "be a dict of Spark settings such as {'spark.driver.memory': '1g'}")),
    java=Optional(Instance(JavaRuntime, "be a JavaRuntime from find_java(), or None")),
)
def start_spark(
    master: str = DEFAULT_MASTER,
    *,
    app_name: str = "latent-factors-course",
    checkpoint_dir: str | None = None,
    ui: bool = True,
    conf: dict | None = None,
    java: JavaRuntime | None = None,
) -> SparkRun:
    """Start a Spark session on `master` with quiet logs; return a SparkRun (`.session`, `.stop()`).

    master: "local[*]" (every core of this machine), "local[2]", or a cluster's URL such as
        "spark://host:7077", "yarn" or "k8s://https://host:443". Only local masters get the
        local conveniences: the driver bound to 127.0.0.1, this Python for Python workers, the
        JVM's quick-start compiler (-XX:TieredStopAtLevel=1), a small JVM (512 MB heap, serial
        garbage collector, Python workers not kept between tasks), 2 shuffle partitions per core
        instead of Spark's 200, and a temporary checkpoint folder. `conf` overrides any of these.
    checkpoint_dir: where Spark cuts long lineages (ALS with many iterations dies with a
        StackOverflowError without one). Default: a temporary folder in local mode, none on a
        cluster, where it must be a folder every machine can reach (e.g. "hdfs:///tmp/ckpt").
    ui: serve Spark's web UI (http://localhost:4040, or the next free port).
    conf: more Spark settings, e.g. {"spark.driver.memory": "4g"}; they win over the above.
    java: the Java runtime to use; default `find_java()`.

    Raises JavaNotFoundError without a usable Java, SparkStartError if the JVM fails to start
    (quoting its log), and RuntimeError if a Spark session is already running in this process.

    Introduced in notebook 06.
    """
    if not master.strip():
        raise ValueError("master must be a Spark master URL such as 'local[*]', got an empty string")
    configure_process()  # before py4j's threads start
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    if SparkContext._active_spark_context is not None:
        raise RuntimeError(
            "a Spark session is already running in this Python process: stop it first "
            "(run.stop(), or spark.stop() for one you started yourself), or restart the kernel"
        )
    java = find_java() if java is None else java
    local = is_local_master(master)

    work_dir = Path(tempfile.mkdtemp(prefix="course-spark-"))
    conf_dir = write_spark_conf_dir(work_dir / "conf")
    log_path = work_dir / "spark.log"
    if checkpoint_dir is None and local:
        checkpoint_dir = str(work_dir / "checkpoints")

    spark_conf = (
        SparkConf()
        .setMaster(master)
        .setAppName(app_name)
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.ui.enabled", "true" if ui else "false")
    )
    if local:
        # One machine, small data: bind to loopback, and let the JVM compile only with its quick
        # C1 compiler (the driver is the executor here). On 2 cores that halves the time of a
        # notebook's first fits; long, heavy jobs would gain more from the default C2 compiler.
        # Memory (Binder gives ~1 GB to the kernel and the JVM together): a 512 MB heap, about
        # Spark's minimum (it refuses less than 450 MB), with the serial collector, which neither
        # grows the heap to its cap as G1 does nor keeps G1's bookkeeping; Python workers exit
        # after each task instead of idling at ~50 MB each. Notebook 06 peaks ~0.9 GB instead of
        # ~1.6 GB. ALS's tasks need the JVM's default 1 MB thread stacks (512 KB overflows).
        (
            spark_conf.set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.driver.memory", "512m")
            .set("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
            .set("spark.python.worker.reuse", "false")
        )
    for key, value in (conf or {}).items():
        spark_conf.set(key, str(value))

    log_file = open(log_path, "ab")  # noqa: SIM115 - closed by SparkRun.stop
    launch_env = dict(JAVA_HOME=str(java.home), SPARK_CONF_DIR=str(conf_dir))
    if local:
        launch_env.update(
            SPARK_LOCAL_IP=os.environ.get("SPARK_LOCAL_IP") or "127.0.0.1",
            PYSPARK_PYTHON=os.environ.get("PYSPARK_PYTHON") or sys.executable,
            # The JVM runs ~300 threads; uncapped, glibc gives many of them a malloc heap of their own.
            MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX") or "2",
        )
    gateway = context = None
    try:
        with _environment(**launch_env):
            try:
                gateway = launch_gateway(spark_conf, popen_kwargs={"stdout": log_file, "stderr": subprocess.STDOUT})
            except Exception as error:  # noqa: BLE001 - any failure to start is reported with the JVM's log
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
    return SparkRun(
        session=session,
        master=master,
        version=session.version,
        cores=context.defaultParallelism,
        java=java,
        work_dir=work_dir,
        log_path=log_path,
        checkpoint_dir=checkpoint_dir,
        _gateway=gateway,
        _log_file=log_file,
    )


def _shut_down_jvm(gateway, timeout: float) -> bool:
    """Close the py4j gateway, let its JVM exit (killed after `timeout` s); True if it exited by itself.

    pyspark keeps the first JVM's gateway for every later SparkContext of the process, so it is
    forgotten here too: the next start_spark launches a new JVM.
    """
    from pyspark import SparkContext

    process = getattr(gateway, "proc", None)
    with contextlib.suppress(Exception):  # the JVM may already be gone; shutting down goes on
        gateway.shutdown()
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
