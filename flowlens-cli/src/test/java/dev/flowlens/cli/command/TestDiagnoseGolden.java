package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.golden.GoldenFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Golden files for the text and JSON of {@code flowlens diagnose} on the demo's cases (the README's
 * tour). "Now" is a fixed clock an hour after the demo's last record, and evidence paths are made
 * relative to the demo's folder, so the output is the same on every machine. Regenerate after an
 * intended change with
 * {@code mvn test -pl flowlens-cli -am -Dtest=TestDiagnoseGolden -Dsurefire.failIfNoSpecifiedTests=false -Dflowlens.golden.update=true}
 * and review the diff.
 */
class TestDiagnoseGolden {
    static final GoldenFiles GOLDEN =
            new GoldenFiles(Path.of("flowlens-cli/src/test/resources/dev/flowlens/cli/command/golden/diagnose"));
    static final Clock CLOCK =
            Clock.fixed(Instant.ofEpochSecond(DemoVpc.START + DemoVpc.DURATION + 3600), ZoneOffset.UTC);

    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    /** The README's tour, and a port nothing used; {@code --config} is followed by the demo's configuration folder. */
    static Map<String, List<String>> cases() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("no-response", List.of("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "6379", "--config"));
        c.put("reset", List.of("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "5433"));
        c.put("rejected-inbound", List.of("--dst", "10.0.0.5", "--port", "22", "--config"));
        c.put(
                "rejected-response",
                List.of("--src", "203.0.113.50", "--dst", "10.0.1.11", "--port", "8443", "--config"));
        c.put("rejected-egress", List.of("--src", "10.0.3.30", "--dst", "203.0.113.80", "--port", "443", "--config"));
        c.put(
                "worked-then-rejected",
                List.of("--src", "10.0.1.10", "--dst", "10.0.2.20", "--port", "8080", "--config"));
        c.put("not-observed", List.of("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "9999", "--config"));
        return c;
    }

    static Stream<String> names() {
        return cases().keySet().stream();
    }

    /** What {@code flowlens diagnose ARGS -o OUTPUT} prints at {@link #CLOCK}, with evidence paths relative to the demo folder. */
    static String diagnose(List<String> args, String output) throws Exception {
        List<String> all = new ArrayList<>(List.of("diagnose", "--db", DEMO.db(), "--output", output));
        for (String a : args) {
            all.add(a);
            if (a.equals("--config")) {
                all.add(DEMO.config());
            }
        }
        StringWriter out = new StringWriter();
        CommandLine cl = FlowlensCli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        cl.parseArgs(all.toArray(String[]::new));
        DiagnoseCommand command = cl.getSubcommands().get("diagnose").getCommand();
        command.clock = CLOCK;
        Diagnosis d = command.diagnose();
        command.print(new Diagnosis(
                d.verdict(),
                d.summary(),
                d.groups(),
                d.attempts(),
                d.evidence().stream().map(TestDiagnoseGolden::relative).toList(),
                d.coverage(),
                d.causes(),
                d.rules()));
        return out.toString();
    }

    static Flow relative(Flow f) {
        String path = DEMO.dir().relativize(Path.of(f.path())).toString();
        return new Flow(
                path,
                f.line(),
                f.eni(),
                f.srcaddr(),
                f.dstaddr(),
                f.pktSrcaddr(),
                f.pktDstaddr(),
                f.srcport(),
                f.dstport(),
                f.protocol(),
                f.packets(),
                f.bytes(),
                f.start(),
                f.end(),
                f.action(),
                f.tcpFlags(),
                f.flowDirection());
    }

    @ParameterizedTest
    @MethodSource("names")
    void diagnosisMatchesGoldenFiles(String name) throws Exception {
        List<String> args = cases().get(name);
        String text = diagnose(args, "text");
        String json = diagnose(args, "json");
        // the same call gives the same output, and nothing of this machine's paths is left in it
        assertThat(diagnose(args, "text")).isEqualTo(text);
        assertThat(text + json).doesNotContain(DEMO.dir().toString());
        GOLDEN.check(name + ".txt", text);
        GOLDEN.check(name + ".json", json);
    }
}
