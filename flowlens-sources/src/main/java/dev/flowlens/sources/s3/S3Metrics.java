package dev.flowlens.sources.s3;

import dev.flowlens.sources.aws.Counters;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests an S3 client made, by kind, and the attempts the SDK retried (throttling,
 * 5xx answers, timeouts), plus the reads resumed with a range request after a dropped connection.
 */
public final class S3Metrics implements ExecutionInterceptor {
    private enum Count {
        LISTS,
        GETS,
        OTHERS,
        /** Calls made (each ends after its last attempt). */
        EXECUTIONS,
        /** HTTP attempts, first tries and retries. */
        ATTEMPTS,
        RESUMES
    }

    private final Counters<Count> tally = new Counters<>(Count.class);

    /** What was counted, at one moment. */
    public record Counts(long lists, long gets, long others, long retries, long resumes) {
        public long requests() {
            return lists + gets + others + retries;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        tally.add(Count.EXECUTIONS);
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("ListObjectsV2".equals(op)) {
            tally.add(Count.LISTS);
        } else if ("GetObject".equals(op)) {
            tally.add(Count.GETS);
        } else {
            tally.add(Count.OTHERS);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        tally.add(Count.ATTEMPTS);
    }

    void resumed() {
        tally.add(Count.RESUMES);
    }

    public Counts counts() {
        return new Counts(
                tally.get(Count.LISTS),
                tally.get(Count.GETS),
                tally.get(Count.OTHERS),
                Math.max(0, tally.get(Count.ATTEMPTS) - tally.get(Count.EXECUTIONS)),
                tally.get(Count.RESUMES));
    }
}
