package dev.flowlens.sources.s3;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/**
 * A bucket and a key prefix, from {@code s3://BUCKET[/PREFIX]}.
 *
 * @param prefix "" for the whole bucket, else a folder ending with {@code /}
 */
public record S3Location(String bucket, String prefix) {
    public static boolean isS3(String argument) {
        return argument.startsWith("s3://");
    }

    public static S3Location parse(String uri) {
        if (!isS3(uri)) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "not an S3 location: " + uri + " (expected s3://BUCKET[/PREFIX])");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty() || !bucket.matches("[a-z0-9][a-z0-9.-]{1,62}")) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "not a bucket name: '" + bucket + "' in " + uri);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Location(bucket, prefix);
    }

    /** The catalog's location of an object of this bucket. */
    public String locationOf(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
