package dev.flowlens.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a command: the cluster's under spark-submit, else local mode. */
public final class Sessions {
    private Sessions() {}

    /**
     * {@code master}: {@code --master} as given, or null for spark-submit's (its {@code spark.master})
     * or else {@code local[*]}.
     */
    public static SparkSession open(String master) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("flowlens")
                // the SQL of the DuckDB engine quotes names as standard SQL does ("end")
                .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
                .config("spark.sql.session.timeZone", "UTC");
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        b.master(chosen);
        if (chosen.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
