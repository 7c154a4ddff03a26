package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shared options keep each command's own default, and say it in the help. */
class TestSharedOptions {
    private static CommandLine.Model.OptionSpec limitOf(String command) {
        CommandLine cl =
                FlowlensCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return cl.getSubcommands().get(command).getCommandSpec().findOption("--limit");
    }

    @Test
    void everyCommandKeepsItsOwnLimit() {
        assertThat(limitOf("conversations").defaultValueString()).isEqualTo("100");
        assertThat(limitOf("streams").defaultValueString()).isEqualTo("10000");
        assertThat(limitOf("bad-lines").defaultValueString()).isEqualTo("1000");
        assertThat(limitOf("search").defaultValueString()).isEqualTo("1000");
        assertThat(limitOf("report").defaultValueString()).isEqualTo("50");
        StringWriter help = new StringWriter();
        FlowlensCli.commandLine(new PrintWriter(help), new PrintWriter(new StringWriter()))
                .execute("conversations", "--help");
        assertThat(help.toString()).contains("--limit=N").contains("(default: 100)");
    }
}
