package dev.flowlens.cli.command;

import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.TimeWindowOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code ingest s3://...}: what to list, and how to reach the bucket. */
public final class S3Options {
    /** The window every command has, worded for ingest in help.properties ({@code flowlens.ingest.from/to}). */
    @Mixin
    TimeWindowOptions time = new TimeWindowOptions();

    @Option(names = "--account", paramLabel = "ID", split = ",")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--region", paramLabel = "R", split = ",", descriptionKey = "ingest.region")
    List<String> regions = new ArrayList<>();

    @Option(names = "--new")
    boolean onlyNew;

    @Option(names = "--parallel", paramLabel = "N")
    Integer parallel;

    /** The same as {@link AwsOptions}'; --role-arn and --endpoint-url are worded for the bucket (help.properties). */
    @Mixin
    AwsCredentialOptions credentials = new AwsCredentialOptions();

    @Option(names = "--bucket-region", paramLabel = "R")
    String bucketRegion;

    /** True when an option that only applies to s3:// locations was given ({@code --from/--to} apply to files too). */
    boolean anyGiven() {
        return !accounts.isEmpty()
                || !regions.isEmpty()
                || onlyNew
                || parallel != null
                || bucketRegion != null
                || credentials.anyGiven();
    }

    /** The window of --from/--to; relative times count back from {@code clock}. */
    TimeWindow window(Clock clock) {
        return time.window(clock);
    }

    int parallelOrDefault() {
        return parallel != null
                ? parallel
                : Math.min(32, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }
}
