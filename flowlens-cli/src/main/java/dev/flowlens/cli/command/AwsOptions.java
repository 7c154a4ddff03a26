package dev.flowlens.cli.command;

import dev.flowlens.sources.aws.AwsClientConfig;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How {@code diagnose --config aws} and {@code config fetch} reach EC2: the same options, with the
 * same meaning, as {@code ingest}'s ({@link S3Options}), building the shared {@link AwsClientConfig}.
 * A mixin of its own because {@link S3Options} carries the s3:// listing options too.
 */
public final class AwsOptions {
    @Option(
            names = "--profile",
            paramLabel = "P",
            description = "AWS profile of ~/.aws/config (default: the default credential chain).")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the profile's or AWS_REGION).")
    String region;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "Role to assume (STS), e.g. in another account.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id the role's trust policy asks for.")
    String externalId;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Endpoint instead of AWS's (a test server).")
    URI endpointUrl;

    boolean anyGiven() {
        return profile != null || region != null || roleArn != null || externalId != null || endpointUrl != null;
    }

    AwsClientConfig clientConfig() {
        return new AwsClientConfig(
                profile,
                region,
                roleArn,
                externalId,
                endpointUrl,
                AwsClientConfig.DEFAULT_MAX_ATTEMPTS,
                AwsClientConfig.DEFAULT_BASE_DELAY);
    }
}
