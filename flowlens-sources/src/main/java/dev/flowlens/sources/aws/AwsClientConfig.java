package dev.flowlens.sources.aws;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * How an AWS client of any source (S3, CloudWatch Logs) is built, as AWS users expect: the default
 * credential chain (environment, {@code ~/.aws/config} and {@code credentials}, SSO, instance and
 * container roles) or a named profile, an assumed role with an external id, a region, an endpoint
 * for S3-compatible stores (path-style addressing), and retries with exponential backoff and full
 * jitter for throttling, 5xx answers and timeouts.
 *
 * @param profile a profile of the AWS config files; null for the default chain
 * @param region the client's region; null: the profile's or environment's, else us-east-1
 * @param roleArn a role to assume with the resolved credentials; null for none
 * @param externalId the external id the role's trust policy asks for; null for none
 * @param endpoint an endpoint instead of AWS's (MinIO, Ceph, a test server); null for AWS
 * @param maxAttempts attempts per request, the first one included
 * @param baseDelay the first retry's largest delay (doubled for each further retry, with jitter)
 */
public record AwsClientConfig(
        String profile,
        String region,
        String roleArn,
        String externalId,
        URI endpoint,
        int maxAttempts,
        Duration baseDelay) {
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    public AwsClientConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (externalId != null && roleArn == null) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--external-id needs --role-arn (the role whose trust policy asks for it)");
        }
    }

    public static AwsClientConfig defaults() {
        return new AwsClientConfig(null, null, null, null, null, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY);
    }

    /** True when the client's region was named or found in the profile or environment (else it is guessed). */
    public boolean regionKnown() {
        return region != null || configuredRegion() != null;
    }

    /** The client's region: the one named, the profile's or environment's, else us-east-1. */
    public Region clientRegion() {
        if (region != null) {
            return Region.of(region);
        }
        Region configured = configuredRegion();
        return configured == null ? FALLBACK_REGION : configured;
    }

    private Region configuredRegion() {
        try {
            DefaultAwsRegionProviderChain.Builder b = DefaultAwsRegionProviderChain.builder();
            if (profile != null) {
                b.profileName(profile);
            }
            return b.build().getRegion();
        } catch (SdkException e) {
            return null;
        }
    }

    /** The credentials: the profile's or the default chain's, through the assumed role when one is named. */
    public AwsCredentialsProvider credentials() {
        AwsCredentialsProvider base = profile != null
                ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        if (roleArn == null) {
            return base;
        }
        StsClient sts = StsClient.builder()
                .credentialsProvider(base)
                .region(clientRegion())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName("flowlens");
                    if (externalId != null) {
                        r.externalId(externalId);
                    }
                })
                .build();
    }

    /**
     * Checks that credentials can be found (and the role assumed) before anything is listed.
     *
     * @throws FlowlensException {@link ErrorCode#SOURCE_CREDENTIALS} naming what to set
     */
    public void checkCredentials(AwsCredentialsProvider provider) {
        try {
            provider.resolveCredentials();
        } catch (RuntimeException e) {
            String what = roleArn != null
                    ? "cannot assume role " + roleArn + (externalId != null ? " with the external id given" : "")
                    : profile != null ? "no AWS credentials in profile '" + profile + "'" : "no AWS credentials found";
            throw new FlowlensException(
                    ErrorCode.SOURCE_CREDENTIALS,
                    what
                            + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, or run 'aws sso login' ("
                            + rootMessage(e) + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Applies the credentials, region, endpoint and retry strategy to a client builder. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(
            B builder, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        builder.credentialsProvider(credentials).region(clientRegion());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        builder.overrideConfiguration(o -> {
            o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(maxAttempts)
                    .circuitBreakerEnabled(false)
                    .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, MAX_DELAY))
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(baseDelay.multipliedBy(2), MAX_DELAY))
                    .build());
            all.forEach(o::addExecutionInterceptor);
        });
        return builder;
    }
}
