package dev.flowlens.store.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every planted attempt of the simulated VPC gets its known verdict: accuracy must stay at 100 %. */
class TestScenarioAccuracy {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VpcScenarioGenerator.Format.class)
    void everyVerdictIsFoundInTheSimulatedVpc(VpcScenarioGenerator.Format format) throws Exception {
        VpcScenarioGenerator g = new VpcScenarioGenerator(format, 42).generate(4);
        Path log = dir.resolve("flows-" + format + ".log");
        Files.write(log, g.lines());
        List<String> wrong = new ArrayList<>();
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        boolean internetSeen = false;
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(log));
            DiagnosisService service = new DiagnosisService(ws.connection(), NetworkConfig.EMPTY, CLOCK);
            for (VpcScenarioGenerator.Planted p : g.planted()) {
                Diagnosis d = service.diagnose(new DiagnosisRequest(
                        Cidr.parse(p.client()), Cidr.parse(p.server()), p.port(), Protocols.TCP, null, null));
                seen.add(d.verdict());
                internetSeen |= p.internetClient();
                if (d.verdict() != p.expected()) {
                    wrong.add(p + " got " + d.verdict() + ": " + d.summary());
                }
            }
        }
        assertThat(wrong).isEmpty();
        Set<Verdict> expected = EnumSet.allOf(Verdict.class);
        if (format == VpcScenarioGenerator.Format.V2) {
            expected.remove(Verdict.RESET);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(internetSeen).isTrue();
    }
}
