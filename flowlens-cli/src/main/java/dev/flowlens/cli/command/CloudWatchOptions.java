package dev.flowlens.cli.command;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code ingest cloudwatch:LOG_GROUP} beyond those shared with s3:// (window, profile, role, endpoint). */
public final class CloudWatchOptions {
    /** Under the default FilterLogEvents quota (5 requests per second per account and region), leaving room for others. */
    static final double DEFAULT_RATE = 4;
    /** Pages fetched ahead of the loading. */
    static final int DEFAULT_PREFETCH = 4;

    @Option(names = "--eni", paramLabel = "ENI", split = ",", descriptionKey = "ingest.eni")
    List<String> enis = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "PATTERN")
    String filterPattern;

    @Option(names = "--follow")
    boolean follow;

    @Option(names = "--poll", paramLabel = "SECONDS")
    Integer pollSeconds;

    @Option(names = "--rate-limit", paramLabel = "N")
    Double rateLimit;

    @Option(names = "--page-size", paramLabel = "N")
    Integer pageSize;

    @Option(names = "--prefetch", paramLabel = "N", hidden = true)
    Integer prefetch;

    /** True when an option that only applies to cloudwatch: was given ({@code --eni} filters files and S3 objects too). */
    boolean anyGiven() {
        return filterPattern != null
                || follow
                || pollSeconds != null
                || rateLimit != null
                || pageSize != null
                || prefetch != null;
    }

    int prefetchOrDefault() {
        if (prefetch != null && prefetch < 0) {
            throw new dev.flowlens.core.error.FlowlensException(
                    dev.flowlens.core.error.ErrorCode.INVALID_ARGUMENT, "--prefetch must be 0 or more");
        }
        return prefetch == null ? DEFAULT_PREFETCH : prefetch;
    }

    double rateOrDefault() {
        return rateLimit == null ? DEFAULT_RATE : rateLimit;
    }
}
