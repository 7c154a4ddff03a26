package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every option of every {@code flowlens spark} command finds its help text in the bundles. */
class TestSparkHelp {
    @Test
    void everyOptionIsDescribed() {
        CommandLine root =
                FlowlensSpark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> bare = new ArrayList<>();
        for (CommandLine command : root.getSubcommands().values()) {
            command.getCommandSpec().args().stream()
                    .filter(a -> String.join("", a.description()).isBlank())
                    .forEach(a -> bare.add(command.getCommandName() + " " + a.paramLabel()));
        }
        assertThat(bare).isEmpty();
        Set<String> shared = new HashSet<>(
                ResourceBundle.getBundle("dev.flowlens.spark.help").keySet());
        shared.retainAll(ResourceBundle.getBundle("dev.flowlens.options.help").keySet());
        assertThat(shared).as("keys of both bundles").isEmpty();
    }
}
