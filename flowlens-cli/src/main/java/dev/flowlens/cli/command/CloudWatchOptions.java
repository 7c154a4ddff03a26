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

    @Option(
            names = "--eni",
            paramLabel = "ENI",
            split = ",",
            description =
                    "Only the records of this network interface (cloudwatch: only its log streams, named after the ENI); repeat for several.")
    List<String> enis = new ArrayList<>();

    @Option(
            names = "--filter",
            paramLabel = "PATTERN",
            description =
                    "cloudwatch: a CloudWatch Logs filter pattern the service applies, e.g. '\"REJECT\"' or '[version, account, eni, src=\"10.0.1.*\", ...]'.")
    String filterPattern;

    @Option(
            names = "--follow",
            description =
                    "cloudwatch: keep polling for new events, load them and print them as they come, until Ctrl-C.")
    boolean follow;

    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            description = "cloudwatch --follow: seconds between polls (default: 5).")
    Integer pollSeconds;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            description =
                    "cloudwatch: FilterLogEvents requests per second at most, retries included (default: 4, under the default quota of 5; 0: no limit).")
    Double rateLimit;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "cloudwatch: events asked for per page (1-10000, default: 10000).")
    Integer pageSize;

    @Option(
            names = "--prefetch",
            paramLabel = "N",
            hidden = true,
            description = "cloudwatch: pages fetched ahead of the loading (default: 4; 0: fetch and load in turn).")
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
