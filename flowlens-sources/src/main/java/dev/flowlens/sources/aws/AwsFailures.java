package dev.flowlens.sources.aws;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed call of a JSON or query protocol service (CloudWatch Logs, EC2) into one sentence
 * naming what to fix, with a stable code: told apart by the service's error code and HTTP status,
 * never by message text.
 */
public final class AwsFailures {
    private static final Set<String> CREDENTIALS = Set.of(
            "ExpiredTokenException",
            "ExpiredToken",
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "AuthFailure",
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "IncompleteSignature",
            "InvalidAccessKeyId",
            "MissingAuthenticationToken");
    private static final Set<String> DENIED =
            Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedAccess");
    private static final Set<String> THROTTLED =
            Set.of("ThrottlingException", "Throttling", "RequestLimitExceeded", "TooManyRequestsException");

    private AwsFailures() {}

    /** True when the service answered that the caller is over its request quota. */
    public static boolean isThrottling(SdkException e) {
        return e instanceof AwsServiceException se && (THROTTLED.contains(code(se)) || se.statusCode() == 429);
    }

    /**
     * @param call what was called, e.g. {@code logs:FilterLogEvents on /aws/vpc/flow-logs}
     * @param permission the IAM action the call needs, for the access-denied message
     * @param attempts attempts made per request, for the unreachable message
     */
    public static FlowlensException of(String call, String permission, SdkException e, int attempts) {
        if (e instanceof AwsServiceException se) {
            String code = code(se);
            if (CREDENTIALS.contains(code)) {
                return new FlowlensException(
                        ErrorCode.SOURCE_CREDENTIALS,
                        call + ": AWS refused the credentials (" + code
                                + "): refresh them (aws sso login, new session keys) or check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the profile");
            }
            if (DENIED.contains(code) || se.statusCode() == 403) {
                return new FlowlensException(
                        ErrorCode.SOURCE_ACCESS_DENIED,
                        call + ": access denied: the credentials need " + permission
                                + " (see the IAM policies in docs/ingest.md and docs/diagnosis.md)");
            }
            if ("ResourceNotFoundException".equals(code) || se.statusCode() == 404) {
                return new FlowlensException(
                        ErrorCode.SOURCE_NOT_FOUND, call + ": not found (" + code + "): check the name and the region");
            }
            if (isThrottling(se)) {
                return new FlowlensException(
                        ErrorCode.SOURCE_THROTTLED,
                        call + ": still throttled (" + code + ") after " + attempts
                                + " attempts: lower --rate-limit or ask AWS for a higher quota");
            }
            return new FlowlensException(
                    ErrorCode.SOURCE_UNREACHABLE, call + ": AWS answered " + se.statusCode() + " " + code);
        }
        if (e instanceof SdkClientException) {
            return new FlowlensException(
                    ErrorCode.SOURCE_UNREACHABLE,
                    call + ": cannot reach AWS after " + attempts + " attempts: " + e.getMessage());
        }
        return new FlowlensException(ErrorCode.SOURCE_UNREACHABLE, call + ": " + e.getMessage());
    }

    private static String code(AwsServiceException se) {
        return se.awsErrorDetails() == null || se.awsErrorDetails().errorCode() == null
                ? ""
                : se.awsErrorDetails().errorCode();
    }
}
