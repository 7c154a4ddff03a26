package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.cli.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine-neutral cases of {@code flowlens-core} (records in: the demo VPC, seed 42; expected
 * output in {@code cases/}) on the DuckDB engine: every Insights query of {@code cases/queries}
 * and every report of {@code cases/reports} (its name and options in {@code .args}) gives the rows
 * of its {@code .json}. The Spark engine runs the same cases (flowlens-spark's
 * TestLakeAnswers). Regenerate after an intended change with {@code -Dflowlens.cases.update=true}
 * and review the diff.
 */
class TestEngineCases {
    static final Path CASES = Path.of("flowlens-core/src/test/resources/dev/flowlens/core/cases");
    private static final boolean UPDATE = Boolean.getBoolean("flowlens.cases.update");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    static List<String> queries() throws IOException {
        return names("queries", ".insights");
    }

    static List<String> reports() throws IOException {
        return names("reports", ".args");
    }

    /** The cases of a folder: the names of its files ending in {@code suffix}, without it. */
    static List<String> names(String folder, String suffix) throws IOException {
        try (Stream<Path> all = Files.list(CASES.resolve(folder))) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("queries")
    void queryGivesTheExpectedRows(String name) throws IOException {
        String query = Files.readString(CASES.resolve("queries/" + name + ".insights"), StandardCharsets.UTF_8)
                .strip();
        check(run("query", "--db", DEMO.db(), "--output", "json", query), CASES.resolve("queries/" + name + ".json"));
    }

    @ParameterizedTest
    @MethodSource("reports")
    void reportGivesTheExpectedRows(String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("report", "--db", DEMO.db(), "--output", "json"));
        args.addAll(List.of(Files.readString(CASES.resolve("reports/" + name + ".args"), StandardCharsets.UTF_8)
                .strip()
                .split(" ")));
        check(run(args.toArray(String[]::new)), CASES.resolve("reports/" + name + ".json"));
    }

    private static void check(Result r, Path expected) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        if (UPDATE) {
            Files.writeString(expected, JSON.writeValueAsString(r.json()) + "\n", StandardCharsets.UTF_8);
        }
        JsonNode rows = JSON.readTree(expected.toFile());
        assertThat(rows.size()).as("a case with no rows tests little").isPositive();
        assertThat(r.json()).isEqualTo(rows);
    }
}
