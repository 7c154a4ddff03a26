package dev.flowlens.store.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowlens.core.parse.ParseProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingest run as the one JSON document {@code flowlens ingest --output json} prints and {@code POST
 * /api/ingest} answers: the components are the keys in order, named by their annotations. What only
 * the command knows (records left out by its selection, the rate, the workspace, its S3 and
 * CloudWatch sources) is null from the web and then not written; seconds to the millisecond.
 */
public record IngestReport(
        @JsonProperty("files_loaded") int filesLoaded,
        @JsonProperty("files_skipped") int filesSkipped,
        @JsonProperty("files_failed") int filesFailed,
        long records,

        @JsonProperty("records_left_out") @JsonInclude(JsonInclude.Include.NON_NULL)
        Long recordsLeftOut,

        @JsonProperty("bad_lines") long badLines,
        double seconds,

        @JsonProperty("records_per_second") @JsonInclude(JsonInclude.Include.NON_NULL)
        Long recordsPerSecond,

        @JsonInclude(JsonInclude.Include.NON_NULL) String workspace,
        @JsonInclude(JsonInclude.Include.NON_NULL) S3Part s3,
        @JsonInclude(JsonInclude.Include.NON_NULL) CloudWatchPart cloudwatch,
        List<Failure> failures,
        @JsonProperty("bad_line_sample") List<ParseProblem> badLineSample) {

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
    public record S3Part(
            @JsonProperty("objects_listed") int objectsListed,
            @JsonProperty("objects_loaded_before") int objectsLoadedBefore,
            @JsonProperty("objects_ignored") int objectsIgnored,
            @JsonProperty("objects_stopped") int objectsStopped,
            @JsonProperty("list_requests") long listRequests,
            @JsonProperty("get_requests") long getRequests,
            long retries,
            @JsonProperty("resumed_reads") long resumedReads) {}

    /** What an ingest from a CloudWatch Logs log group loaded, asked for and waited; seconds to the millisecond. */
    public record CloudWatchPart(
            @JsonProperty("log_group") String logGroup,
            List<String> streams,
            String format,
            @JsonProperty("format_source") String formatSource,
            @JsonProperty("events_loaded") long eventsLoaded,
            @JsonProperty("events_loaded_before") long eventsLoadedBefore,
            long pages,
            @JsonProperty("empty_pages") long emptyPages,
            long requests,
            long throttled,
            @JsonProperty("expired_token_restarts") long expiredTokenRestarts,
            @JsonProperty("rate_limit") double rateLimit,
            @JsonProperty("rate_limit_wait_seconds") double rateLimitWaitSeconds,
            int polls,
            @JsonProperty("journal_seconds") double journalSeconds,
            @JsonProperty("ingest_seconds") double ingestSeconds,
            @JsonProperty("prune_seconds") double pruneSeconds,
            boolean stopped,
            List<String> notes) {}
}
