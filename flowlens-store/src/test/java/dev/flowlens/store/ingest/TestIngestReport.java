package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.parse.ParseProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest document's keys, their order, and what the web leaves out, as a plain ObjectMapper writes them. */
class TestIngestReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final IngestSummary SUMMARY = new IngestSummary(
            2,
            1,
            1,
            40,
            3,
            4096,
            1.23456,
            List.of(new FileResult("b.log", FileResult.Status.PARTIAL, 7, 1, 100, "read failed")),
            List.of(new ParseProblem("a.log", 3, "packets", "not a whole number", "x")),
            5);

    @Test
    void theWebDocumentHasTheSharedKeysOnly() throws Exception {
        assertThat(JSON.writeValueAsString(IngestReport.of(SUMMARY)))
                .isEqualTo("{\"files_loaded\":2,\"files_skipped\":1,\"files_failed\":1,\"records\":40,\"bad_lines\":3,"
                        + "\"seconds\":1.235,\"failures\":[{\"path\":\"b.log\",\"status\":\"PARTIAL\",\"records\":7,"
                        + "\"error\":\"read failed\"}],\"bad_line_sample\":[{\"file\":\"a.log\",\"line\":3,"
                        + "\"field\":\"packets\",\"reason\":\"not a whole number\",\"text\":\"x\"}]}");
    }

    @Test
    void theCommandDocumentAddsItsPartsInPlace() throws Exception {
        IngestReport.S3Part s3 = new IngestReport.S3Part(1, 2, 3, 4, 5, 6, 7, 8);
        IngestReport.CloudWatchPart cw = new IngestReport.CloudWatchPart(
                "g", List.of("s"), "f", "fs", 1, 2, 3, 4, 5, 6, 7, 2.5, 0.25, 8, 0.001, 0.002, 0.003, true, List.of());
        IngestReport r =
                new IngestReport(2, 1, 1, 40, 5L, 3, 1.235, 32L, "/w.db", s3, cw, List.of(), SUMMARY.sampleProblems());
        assertThat(JSON.readTree(JSON.writeValueAsString(r)).properties().stream()
                        .map(e -> e.getKey())
                        .toList())
                .containsExactly(
                        "files_loaded",
                        "files_skipped",
                        "files_failed",
                        "records",
                        "records_left_out",
                        "bad_lines",
                        "seconds",
                        "records_per_second",
                        "workspace",
                        "s3",
                        "cloudwatch",
                        "failures",
                        "bad_line_sample");
        assertThat(JSON.writeValueAsString(s3))
                .isEqualTo(
                        "{\"objects_listed\":1,\"objects_loaded_before\":2,\"objects_ignored\":3,\"objects_stopped\":4,"
                                + "\"list_requests\":5,\"get_requests\":6,\"retries\":7,\"resumed_reads\":8}");
        assertThat(JSON.writeValueAsString(cw))
                .isEqualTo("{\"log_group\":\"g\",\"streams\":[\"s\"],\"format\":\"f\",\"format_source\":\"fs\","
                        + "\"events_loaded\":1,\"events_loaded_before\":2,\"pages\":3,\"empty_pages\":4,\"requests\":5,"
                        + "\"throttled\":6,\"expired_token_restarts\":7,\"rate_limit\":2.5,\"rate_limit_wait_seconds\":0.25,"
                        + "\"polls\":8,\"journal_seconds\":0.001,\"ingest_seconds\":0.002,\"prune_seconds\":0.003,"
                        + "\"stopped\":true,\"notes\":[]}");
    }
}
