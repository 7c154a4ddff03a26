package dev.flowlens.cli.command;

import dev.flowlens.core.time.TimePoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code ingest s3://...}: what to list, and how to reach the bucket. */
public final class S3Options {
    @Option(
            names = "--from",
            paramLabel = "TIME",
            description =
                    "Only records ending at or after TIME (s3:// lists only the objects that can hold them); cloudwatch: events at or after TIME (ISO-8601, epoch seconds, -2h, 1d).")
    TimePoint from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "Only records starting at or before TIME; cloudwatch: events at or before TIME.")
    TimePoint to;

    @Option(
            names = "--account",
            paramLabel = "ID",
            split = ",",
            description = "s3:// only: this account's flow logs; repeat for several.")
    List<String> accounts = new ArrayList<>();

    @Option(
            names = "--region",
            paramLabel = "R",
            split = ",",
            description = "s3:// flow logs of this region, repeat for several; cloudwatch: the log group's region.")
    List<String> regions = new ArrayList<>();

    @Option(
            names = "--new",
            description = "s3:// only: list only keys after those the last run of this bucket listed (for cron jobs).")
    boolean onlyNew;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "s3:// only: objects fetched at once (default: 4 per core, 8 to 32).")
    Integer parallel;

    @Option(
            names = "--profile",
            paramLabel = "P",
            description = "AWS profile of ~/.aws/config (default: the default credential chain).")
    String profile;

    @Option(
            names = "--bucket-region",
            paramLabel = "R",
            description = "Region of the S3 client (default: the profile's or AWS_REGION; found from S3 when wrong).")
    String bucketRegion;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description = "Role to assume (STS) to read the bucket, e.g. in another account.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id the role's trust policy asks for.")
    String externalId;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "S3-compatible endpoint (MinIO, Ceph); path-style addressing.")
    URI endpointUrl;

    /** True when an option that only applies to s3:// locations was given ({@code --from/--to} apply to files too). */
    boolean anyGiven() {
        return !accounts.isEmpty()
                || !regions.isEmpty()
                || onlyNew
                || parallel != null
                || profile != null
                || bucketRegion != null
                || roleArn != null
                || externalId != null
                || endpointUrl != null;
    }

    int parallelOrDefault() {
        return parallel != null
                ? parallel
                : Math.min(32, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }
}
