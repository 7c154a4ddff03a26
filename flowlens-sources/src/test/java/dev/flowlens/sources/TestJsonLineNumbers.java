package dev.flowlens.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records and bad lines inside pretty-printed JSON arrays are cited at their own line of the file. */
class TestJsonLineNumbers {
    private static final String GOOD =
            "2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK";
    private static final String BAD =
            "2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 99999 6 3 180 1714521600 1714521660 ACCEPT OK";

    @TempDir
    Path dir;

    private final List<ParseProblem> problems = new ArrayList<>();
    private final List<Long> recordLines = new ArrayList<>();

    private void read(String name, String json) throws IOException {
        Path f = Files.writeString(dir.resolve(name), json);
        RecordAssembler a = new RecordAssembler(
                f.toString(),
                FlowFormat.DEFAULT_V2,
                16,
                batch -> {
                    for (int r = 0; r < batch.size(); r++) {
                        recordLines.add(batch.line(r));
                    }
                },
                problems::add);
        new FlowFileReader().read(f, a);
        a.flush();
    }

    @Test
    void aPrettyPrintedArrayOfMessages() throws IOException {
        read("array.json", """
                [
                  {
                    "timestamp": 1714521600000,
                    "message": "%s"
                  },
                  {
                    "timestamp": 1714521600000,
                    "message": "%s"
                  }
                ]
                """.formatted(GOOD, BAD));
        assertThat(recordLines).containsExactly(4L);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.field()).isEqualTo("dstport");
        });
    }

    @Test
    void cloudWatchEventsPrettyPrinted() throws IOException {
        read("events.json", """
                {
                    "events": [
                        {
                            "logStreamName": "eni-0a-all",
                            "timestamp": 1714521600000,
                            "message": "%s",
                            "ingestionTime": 1714521700000,
                            "eventId": "1"
                        },
                        {
                            "logStreamName": "eni-0a-all",
                            "timestamp": 1714521600000,
                            "message": "%s",
                            "ingestionTime": 1714521700000,
                            "eventId": "2"
                        },
                        {
                            "logStreamName": "eni-0a-all",
                            "eventId": "3"
                        }
                    ],
                    "searchedLogStreams": []
                }
                """.formatted(GOOD, BAD));
        assertThat(recordLines).containsExactly(6L);
        assertThat(problems).extracting(ParseProblem::line).containsExactly(13L, 17L);
    }

    @Test
    void compactJsonKeepsItsLine() throws IOException {
        read("one-line.json", "\n[{\"message\": \"" + GOOD + "\"}, {\"message\": \"" + BAD + "\"}]\n");
        assertThat(recordLines).containsExactly(2L);
        assertThat(problems).extracting(ParseProblem::line).containsExactly(2L);
    }
}
