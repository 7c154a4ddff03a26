package dev.flowlens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TestZzHelpDump {
    @Test
    void dump() throws Exception {
        StringBuilder sb = new StringBuilder();
        walk(FlowlensCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), sb);
        Files.writeString(Path.of(System.getProperty("dump", "/tmp/d6a/cli-help.txt")), sb.toString());
    }

    static void walk(CommandLine cl, StringBuilder sb) {
        sb.append("=== ").append(cl.getCommandSpec().qualifiedName()).append('\n');
        sb.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cl.getSubcommands().values().forEach(s -> walk(s, sb));
    }
}
