package dev.flowlens.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled form of random patterns agrees with the reference matcher on random messages, for
 * the default format and a custom one. Seeded, so a failure repeats.
 */
class TestPatternCompilerProperty {
    static final FlowFormat CUSTOM = FlowFormat.of(
            FlowField.INTERFACE_ID,
            FlowField.SRCADDR,
            FlowField.DSTADDR,
            FlowField.SRCPORT,
            FlowField.DSTPORT,
            FlowField.PROTOCOL,
            FlowField.ACTION,
            FlowField.LOG_STATUS,
            FlowField.TCP_FLAGS,
            FlowField.FLOW_DIRECTION);

    @Test
    void compiledAgreesWithReference() {
        Random random = new Random(20261127L);
        RandomFlows gen = new RandomFlows(random);
        int checked = 0;
        for (FlowFormat format : List.of(FlowFormat.DEFAULT_V2, CUSTOM)) {
            List<List<String>> records = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                records.add(gen.record(format));
            }
            for (int q = 0; q < 400; q++) {
                String text = gen.pattern(format, records);
                FilterPattern pattern = FilterPatternParser.parse(text);
                FieldPredicate compiled = PatternCompiler.compile(pattern, format);
                for (List<String> fields : records) {
                    String message = String.join(" ", fields);
                    assertThat(compiled.test(fields))
                            .as("%s on %s", text, message)
                            .isEqualTo(MessageMatcher.matches(pattern, message));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 200 * 400);
    }
}
