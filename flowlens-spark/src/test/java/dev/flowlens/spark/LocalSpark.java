package dev.flowlens.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session ({@code local[2]}) for all the tests of the module: starting Spark takes seconds. */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession session() {
        return Sessions.open("local[2]");
    }
}
