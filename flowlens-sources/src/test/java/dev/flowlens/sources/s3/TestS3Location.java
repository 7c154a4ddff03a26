package dev.flowlens.sources.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import org.junit.jupiter.api.Test;

class TestS3Location {
    @Test
    void bucketAndPrefixAFolderEndingWithSlash() {
        assertThat(S3Location.parse("s3://logs")).isEqualTo(new S3Location("logs", ""));
        assertThat(S3Location.parse("s3://logs/")).isEqualTo(new S3Location("logs", ""));
        assertThat(S3Location.parse("s3://logs/AWSLogs/123")).isEqualTo(new S3Location("logs", "AWSLogs/123/"));
        assertThat(S3Location.parse("s3://my.logs-1/a/").locationOf("a/b.log.gz"))
                .isEqualTo("s3://my.logs-1/a/b.log.gz");
    }

    @Test
    void notABucketIsAUsageError() {
        for (String bad : new String[] {"s3://", "s3:///x", "s3://Upper/x", "/tmp/x"}) {
            assertThatThrownBy(() -> S3Location.parse(bad))
                    .isInstanceOf(FlowlensException.class)
                    .extracting(e -> ((FlowlensException) e).code())
                    .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }
}
