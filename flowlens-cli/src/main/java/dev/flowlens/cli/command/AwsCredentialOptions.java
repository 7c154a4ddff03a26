package dev.flowlens.cli.command;

import dev.flowlens.sources.aws.AwsClientConfig;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Who calls AWS and where: {@code --profile}, {@code --role-arn}, {@code --external-id} and {@code
 * --endpoint-url}, the same options in {@code ingest} ({@link S3Options}) and in the commands that
 * read EC2 ({@link AwsOptions}); each adds the region option it means. Their help text is in {@code
 * dev/flowlens/cli/help.properties} ({@code ingest} words two of them for the bucket).
 */
public final class AwsCredentialOptions {
    @Option(names = "--profile", paramLabel = "P")
    String profile;

    @Option(names = "--role-arn", paramLabel = "ARN")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID")
    String externalId;

    @Option(names = "--endpoint-url", paramLabel = "URL")
    URI endpointUrl;

    boolean anyGiven() {
        return profile != null || roleArn != null || externalId != null || endpointUrl != null;
    }

    /** The client configuration of these options in {@code region} (null: the profile's or AWS_REGION). */
    AwsClientConfig clientConfig(String region) {
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
