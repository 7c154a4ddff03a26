package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every option of every {@code flowlens spark} command finds its help text in the bundles. */
class TestSparkHelp {
    @Test
    void everyOptionIsDescribed() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        List<String> bare = FlowlensSpark.commandLine(sink, sink).getSubcommands().values().stream()
                .flatMap(c -> c.getCommandSpec().args().stream()
                        .filter(a -> String.join("", a.description()).isBlank())
                        .map(a -> c.getCommandName() + " " + a.paramLabel()))
                .toList();
        assertThat(bare).isEmpty();
    }

    @Test
    void everyCommandPrintsTheVersionOfFlowlens() {
        StringWriter out = new StringWriter();
        PrintWriter sink = new PrintWriter(new StringWriter());
        int code = FlowlensSpark.commandLine(new PrintWriter(out, true), sink).execute("ingest", "-V");
        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("flowlens 0.1.0");
    }

    @Test
    void withoutACommandItIsAUsageErrorNamingEveryCommand() {
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute();
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("name a command: demo, ingest, diagnose, sql, conversations, query, report");
    }

    @Test
    void theSparkBundleSharesNoKeyWithTheOptionsBundle() {
        Set<String> shared = new HashSet<>(
                ResourceBundle.getBundle("dev.flowlens.spark.help").keySet());
        shared.retainAll(ResourceBundle.getBundle("dev.flowlens.options.help").keySet());
        assertThat(shared).isEmpty();
    }
}
