package dev.flowlens.store.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.flowlens.core.parse.ParseProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingest run as the one JSON document {@code flowlens ingest --output json} prints and {@code POST
 * /api/ingest} answers: the components are the keys in order, in snake_case. What only
 * the command knows (records left out by its selection, the rate, the workspace, its S3 and
 * CloudWatch sources) is null from the web and then not written; seconds to the millisecond.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestReport(
        int filesLoaded,
        int filesSkipped,
        int filesFailed,
        long records,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long recordsLeftOut,
        long badLines,
        double seconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long recordsPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) String workspace,
        @JsonInclude(JsonInclude.Include.NON_NULL) S3Part s3,
        @JsonInclude(JsonInclude.Include.NON_NULL) CloudWatchPart cloudwatch,
        List<Failure> failures,
        List<ParseProblem> badLineSample) {

    /** The document of {@code s} alone, as the web writes it. */
    public static IngestReport of(IngestSummary s) {
        return new IngestReport(
                s.filesLoaded(),
                s.filesSkipped(),
                s.filesFailed(),
                s.records(),
                null,
                s.badLines(),
                millis(s.seconds()),
                null,
                null,
                null,
                null,
                Failure.of(s),
                s.sampleProblems());
    }

    /** Seconds rounded to the millisecond, as the documents write durations. */
    public static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** A file that failed or loaded only in part ({@code status} FAILED or PARTIAL). */
    public record Failure(String path, String status, long records, String error) {
        /** {@link IngestSummary#failures()} as the document lists them. */
        public static List<Failure> of(IngestSummary s) {
            List<Failure> rows = new ArrayList<>();
            for (FileResult f : s.failures()) {
                rows.add(new Failure(f.path(), f.status().name(), f.records(), String.valueOf(f.error())));
            }
            return rows;
        }
    }

    /** What an ingest from S3 listed, left out and asked for. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record S3Part(
            int objectsListed,
            int objectsLoadedBefore,
            int objectsIgnored,
            int objectsStopped,
            long listRequests,
            long getRequests,
            long retries,
            long resumedReads) {}

    /** What an ingest from a CloudWatch Logs log group loaded, asked for and waited; seconds to the millisecond. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CloudWatchPart(
            String logGroup,
            List<String> streams,
            String format,
            String formatSource,
            long eventsLoaded,
            long eventsLoadedBefore,
            long pages,
            long emptyPages,
            long requests,
            long throttled,
            long expiredTokenRestarts,
            double rateLimit,
            double rateLimitWaitSeconds,
            int polls,
            double journalSeconds,
            double ingestSeconds,
            double pruneSeconds,
            boolean stopped,
            List<String> notes) {}
}
