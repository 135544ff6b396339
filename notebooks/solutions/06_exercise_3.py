# Worked solution 06_exercise_3, shown in notebook 06 by show_solution("06_exercise_3", globals()).
print("checkpoint folder set:", spark.sparkContext.getCheckpointDir() is not None)
print(f"the {2 * SWEEPS}-sweep fit of section 3 ran with checkpoints every 10 sweeps")
sample_sdf = ratings_to_spark(spark, train.iloc[:5000]).cache()
for interval in (-1, 2):
    sample_model = spark_als(NUMPY_REG, 8, checkpointInterval=interval).setRank(2).fit(sample_sdf)
    depth = len(sample_model.userFactors.rdd.toDebugString().splitlines())
    print(f"8 sweeps, checkpointInterval={interval:2d}: the plan behind the user factors has {depth} lines")
# Every sweep adds steps to the plan (lineage) that Spark keeps so that it can recompute lost
# blocks: without checkpoints it grows with every sweep. Sending that plan to the executors is a
# recursion as deep as the plan (Java serialises it recursively), and past a depth that depends
# on the thread's stack size, not on the data, it throws StackOverflowError, which Spark treats
# as fatal: in local mode the JVM can die with it, so we do not run it here.
# With a checkpoint folder, ALS writes the factors
# there every checkpointInterval (10) sweeps and the plan restarts from the saved copy. On a
# cluster every machine must reach that folder: HDFS, S3 or a shared file system, not /tmp.
