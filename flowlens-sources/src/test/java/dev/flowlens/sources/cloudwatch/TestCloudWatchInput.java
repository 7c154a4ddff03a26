package dev.flowlens.sources.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.sources.FileKind;
import dev.flowlens.sources.FlowFileReader;
import dev.flowlens.sources.ReadOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page's events as an input: read as plain lines whatever their first bytes look like (JSON,
 * Parquet's magic), each record with its event's stream, each bad line at its event's place.
 */
class TestCloudWatchInput {
    private static final String GOOD =
            "2 123456789010 - 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK";

    private static CloudWatchEvent event(int i, String stream, String message) {
        return new CloudWatchEvent(
                String.format("%056d", i), stream, 1_714_521_600_000L + i, 1_714_521_700_000L, message);
    }

    @Test
    void eventsAreLinesWithTheirStreams() throws IOException {
        CloudWatchInput in = new CloudWatchInput(
                "/aws/vpc/flow-logs",
                List.of(
                        event(1, "eni-0aaa-all", "{\"not\": \"json input\"}"),
                        event(2, "eni-0bbb-all", GOOD),
                        event(3, "eni-0ccc-all", "PAR1 is no Parquet file here"),
                        event(4, "eni-0ddd-all", "2018-09-22T20:28:14.000Z " + GOOD),
                        event(5, "eni-0eee-all", GOOD + "\nsecond line of one event")));
        List<String> streams = new ArrayList<>();
        List<String> enis = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        RecordAssembler a = new RecordAssembler(
                in.location(),
                FlowFormat.DEFAULT_V2,
                16,
                batch -> {
                    int eni = batch.columnOf(FlowField.INTERFACE_ID);
                    for (int r = 0; r < batch.size(); r++) {
                        streams.add(batch.logStream(r));
                        enis.add(batch.text(eni, r));
                        lines.add(batch.line(r));
                    }
                },
                problems::add);
        assertThat(FlowFileReader.kindOf(in)).isEqualTo(FileKind.TEXT);
        ReadOutcome outcome = new FlowFileReader().read(in, a, null);
        a.flush();
        assertThat(outcome.kind()).isEqualTo(FileKind.TEXT);
        assertThat(lines).containsExactly(2L, 4L);
        assertThat(streams).containsExactly("eni-0bbb-all", "eni-0ddd-all");
        // the stream names the interface the record leaves out
        assertThat(enis).containsExactly("eni-0bbb", "eni-0ddd");
        assertThat(problems).extracting(ParseProblem::line).containsExactly(1L, 3L, 5L);
        assertThat(in.size()).isEqualTo(5);
        assertThat(in.eventId(4)).isEqualTo(String.format("%056d", 5));
        assertThat(in.newestTimestamp()).isEqualTo(1_714_521_600_005L);
    }
}
