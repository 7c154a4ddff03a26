package dev.flowlens.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.record.RecordBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** start and end written in seconds, milli-, micro- or nanoseconds are stored as seconds. */
class TestEpochFields {
    @Test
    void everyUnitBecomesSeconds() {
        LineParser parser = new LineParser(FlowFormat.DEFAULT_V2);
        String[][] units = {
            {"1714521600", "1714521660"},
            {"1714521600000", "1714521660999"},
            {"1714521600000000", "1714521660000000"},
            {"1714521600000000000", "1714521660000000000"}
        };
        for (String[] u : units) {
            RecordBatch batch = new RecordBatch(FlowFormat.DEFAULT_V2, 4);
            byte[] line = ("2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 5432 6 3 180 " + u[0] + " " + u[1]
                            + " ACCEPT OK")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(line, 0, line.length, batch)).as(u[0]).isNull();
            assertThat(batch.number(batch.columnOf(FlowField.START), batch.nextRow()))
                    .as(u[0])
                    .isEqualTo(1714521600L);
            assertThat(batch.number(batch.columnOf(FlowField.END), batch.nextRow()))
                    .as(u[1])
                    .isEqualTo(1714521660L);
        }
    }
}
