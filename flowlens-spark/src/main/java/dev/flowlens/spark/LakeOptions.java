package dev.flowlens.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every lake command shares: {@code --lake} and {@code --master}. */
public final class LakeOptions {
    @Option(names = "--lake", paramLabel = "DIR|URI", required = true)
    String lake;

    @Mixin
    MasterOption master = new MasterOption();

    /** The lake, read in a session on {@code --master}. */
    Lake open() {
        return Lake.open(master.session(), lake);
    }

    /** A session on {@code --master} with the lake's views ({@code flows}, {@code bad_lines}) made. */
    SparkSession session() {
        SparkSession spark = master.session();
        Lake.open(spark, lake);
        return spark;
    }
}
