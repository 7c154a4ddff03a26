package dev.flowlens.cli.command;

import dev.flowlens.sources.aws.AwsClientConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code diagnose --config aws}, {@code config fetch} and {@code serve} reach AWS: the credential
 * options of {@code ingest} ({@link AwsCredentialOptions}) and {@code --region}. {@link S3Options}
 * has the same credentials, but its {@code --region} selects flow logs and {@code --bucket-region}
 * places the client.
 */
public final class AwsOptions {
    @Mixin
    AwsCredentialOptions credentials = new AwsCredentialOptions();

    @Option(names = "--region", paramLabel = "R")
    String region;

    boolean anyGiven() {
        return credentials.anyGiven() || region != null;
    }

    AwsClientConfig clientConfig() {
        return credentials.clientConfig(region);
    }
}
