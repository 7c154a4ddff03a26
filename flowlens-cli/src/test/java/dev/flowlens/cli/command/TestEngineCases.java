package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.cases.EngineCases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine-neutral cases of {@code flowlens-core} (records in: the demo VPC, seed 42; expected
 * output in {@code cases/}) on the DuckDB engine: every Insights query of {@code cases/queries},
 * report of {@code cases/reports} (its name and options in {@code .args}), conversations of
 * {@code cases/conversations} (their filters in {@code .args}), diagnosis of {@code cases/diagnose}
 * (its options in {@code .args}; the logs' folder written as {@code demo-flowlogs}) and SQL of {@code cases/sql} gives the
 * rows of its {@code .json}. The Spark engine runs the same cases (flowlens-spark's
 * TestLakeAnswers). Regenerate after an intended change with {@code -Dflowlens.cases.update=true}
 * and review the diff.
 */
class TestEngineCases {
    private static final boolean UPDATE = Boolean.getBoolean("flowlens.cases.update");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    static List<String> cases() throws IOException {
        return EngineCases.names();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void givesTheExpectedRows(String name) throws IOException {
        List<String> args = EngineCases.command(name);
        args.addAll(List.of("--db", DEMO.db(), "--output", "json"));
        check(run(args.toArray(String[]::new)), EngineCases.expected(name));
    }

    private static void check(Result r, Path expected) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode actual =
                JSON.readTree(EngineCases.withLogsFolder(r.out(), DEMO.dir().resolve("demo-flowlogs")));
        if (UPDATE) {
            Files.writeString(expected, JSON.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
        }
        JsonNode rows = JSON.readTree(expected.toFile());
        assertThat(rows.size()).as("a case with no rows tests little").isPositive();
        assertThat(actual).isEqualTo(rows);
    }
}
