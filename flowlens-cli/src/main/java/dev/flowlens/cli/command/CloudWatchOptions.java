package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.options.CheckedOptions;
import dev.flowlens.sources.cloudwatch.CloudWatchQuery;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code ingest cloudwatch:LOG_GROUP} beyond those shared with s3:// (window, profile,
 * role, endpoint), each with its default where it is declared.
 */
public final class CloudWatchOptions implements CheckedOptions {
    /** Under the default FilterLogEvents quota (5 requests per second per account and region), leaving room for others. */
    static final double DEFAULT_RATE = 4;
    /** Pages fetched ahead of the loading. */
    static final int DEFAULT_PREFETCH = 4;
    /** Seconds between the polls of --follow. */
    static final int DEFAULT_POLL_SECONDS = 5;

    @Option(names = "--eni", paramLabel = "ENI", split = ",", descriptionKey = "ingest.eni")
    List<String> enis = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "PATTERN")
    String filterPattern;

    @Option(names = "--follow")
    boolean follow;

    @Option(names = "--poll", paramLabel = "SECONDS")
    int pollSeconds = DEFAULT_POLL_SECONDS;

    @Option(names = "--rate-limit", paramLabel = "N")
    double rateLimit = DEFAULT_RATE;

    @Option(names = "--page-size", paramLabel = "N")
    int pageSize = CloudWatchQuery.MAX_PAGE;

    @Option(names = "--prefetch", paramLabel = "N", hidden = true)
    int prefetch = DEFAULT_PREFETCH;

    /** This mixin's own options, which say whether they were given. */
    @Spec
    CommandSpec self;

    /** True when an option that only applies to cloudwatch: was given: any but {@code --eni}, which filters files and S3 objects too. */
    boolean anyGiven() {
        OptionSpec eni = self.findOption("--eni");
        return self.options().stream()
                .anyMatch(o -> o != eni && !o.originalStringValues().isEmpty());
    }

    /** The values' ranges, checked before the command runs ({@link CheckedOptions}). */
    @Override
    public void check() {
        if (pageSize < 1 || pageSize > CloudWatchQuery.MAX_PAGE) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--page-size must be 1-10000");
        }
        if (rateLimit < 0) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--rate-limit must be 0 (no limit) or more");
        }
        if (prefetch < 0) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--prefetch must be 0 or more");
        }
    }
}
