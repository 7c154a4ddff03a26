package dev.flowlens.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --master URL}: where every {@code flowlens spark} command runs Spark. */
public final class MasterOption {
    @Option(names = "--master", paramLabel = "URL")
    String url;

    /** A session on {@code --master}, or on spark-submit's master without it. */
    SparkSession session() {
        return Sessions.open(url);
    }
}
