package dev.flowlens.cli;

import static dev.flowlens.cli.CliRun.run;
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
import picocli.CommandLine.Model.ArgSpec;

/**
 * The help text of the options lives in resource bundles (dev/flowlens/cli/help.properties and
 * flowlens-options'): every option of every command finds its text, and the two bundles keep apart.
 */
class TestHelpText {
    @Test
    void everyOptionOfEveryCommandIsDescribed() {
        CommandLine root =
                FlowlensCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> bare = new ArrayList<>();
        collectBare(root, bare);
        assertThat(bare).isEmpty();
    }

    private static void collectBare(CommandLine cl, List<String> bare) {
        for (ArgSpec arg : cl.getCommandSpec().args()) {
            if (String.join("", arg.description()).isBlank()) {
                bare.add(cl.getCommandSpec().qualifiedName() + " " + arg.paramLabel());
            }
        }
        cl.getSubcommands().values().forEach(sub -> collectBare(sub, bare));
    }

    @Test
    void theCliBundleSharesNoKeyWithTheOptionsBundle() {
        // a command that mixes in a flowlens-options class looks up its own options in that class's bundle first
        Set<String> shared =
                new HashSet<>(ResourceBundle.getBundle("dev.flowlens.cli.help").keySet());
        shared.retainAll(ResourceBundle.getBundle("dev.flowlens.options.help").keySet());
        assertThat(shared).isEmpty();
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        // the root's -h/-V are inherited (ScopeType.INHERIT), with its version
        assertThat(run("ingest", "-V").out().strip()).isEqualTo("flowlens 0.1.0");
        assertThat(run("config", "fetch", "-h").out()).contains("-h, --help").contains("-V, --version");
    }

    @Test
    void helpShowsTextAsWritten() {
        assertThat(run("ingest", "--help").out().replaceAll("\\s+", " "))
                .contains("--format '${version} ${srcaddr} ...'")
                .contains("Role to assume (STS) to read the bucket")
                .contains("S3-compatible endpoint (MinIO, Ceph)");
        assertThat(run("diagnose", "--help").out())
                .contains("Role to assume (STS), e.g. in another account.")
                .contains("Endpoint instead of AWS's (a test server).");
        assertThat(run("sql", "--help").out().replaceAll("\\s+", " "))
                .contains("(default: 60; 0 = no limit)")
                .contains("(default: 2GB)")
                .contains("90% of the free disk");
    }
}
