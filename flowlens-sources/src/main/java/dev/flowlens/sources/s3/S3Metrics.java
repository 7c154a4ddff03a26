package dev.flowlens.sources.s3;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests an S3 client made, by kind, and the attempts the SDK retried (throttling,
 * 5xx answers, timeouts), plus the reads resumed with a range request after a dropped connection.
 */
public final class S3Metrics implements ExecutionInterceptor {
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong others = new AtomicLong();
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();

    /** What was counted, at one moment. */
    public record Counts(long lists, long gets, long others, long retries, long resumes) {
        public long requests() {
            return lists + gets + others + retries;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        executions.incrementAndGet();
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("ListObjectsV2".equals(op)) {
            lists.incrementAndGet();
        } else if ("GetObject".equals(op)) {
            gets.incrementAndGet();
        } else {
            others.incrementAndGet();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    void resumed() {
        resumes.incrementAndGet();
    }

    public Counts counts() {
        return new Counts(
                lists.get(), gets.get(), others.get(), Math.max(0, attempts.get() - executions.get()), resumes.get());
    }
}
