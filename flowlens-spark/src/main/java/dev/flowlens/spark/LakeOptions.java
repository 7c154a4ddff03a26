package dev.flowlens.spark;

import picocli.CommandLine.Option;

/** The options every lake command shares. */
public final class LakeOptions {
    @Option(
            names = "--lake",
            paramLabel = "DIR|URI",
            required = true,
            description = "The lake: a folder, or an s3a:// or hdfs:// URI.")
    String lake;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]; ./flowlens spark uses local[*]).")
    String master;
}
