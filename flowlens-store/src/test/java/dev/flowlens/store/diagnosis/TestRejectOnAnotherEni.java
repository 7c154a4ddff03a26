package dev.flowlens.store.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.net.Cidr;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A default-format (v2) log, so no flow-direction and no tcp-flags: the request is accepted on the
 * source's ENI (whose address its other records show) and rejected on an ENI seen nowhere else. The
 * rejecting ENI is the destination's, so the verdict agrees with the REJECT record it cites.
 */
class TestRejectOnAnotherEni {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String LOG = """
            version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
            2 123456789010 eni-0source 10.0.1.5 10.0.0.2 51000 53 17 1 70 1714521600 1714521660 ACCEPT OK
            2 123456789010 eni-0source 10.0.0.2 10.0.1.5 53 51000 17 1 120 1714521600 1714521660 ACCEPT OK
            2 123456789010 eni-0source 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK
            2 123456789010 eni-0dest 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 REJECT OK
            """;

    @TempDir
    Path dir;

    @Test
    void rejectOnTheOtherEniIsRejectedInbound() throws Exception {
        Path log = Files.writeString(dir.resolve("v2.log"), LOG);
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(log));
            DiagnosisRequest r =
                    new DiagnosisRequest(Cidr.parse("10.0.1.5"), Cidr.parse("10.0.2.9"), 5432, null, null, null);
            Diagnosis d = new DiagnosisService(ws.connection(), NetworkConfig.EMPTY, CLOCK).diagnose(r);
            assertThat(d.evidence()).extracting(f -> f.action()).contains(Action.REJECT);
            assertThat(d.verdict()).isEqualTo(Verdict.REJECTED_INBOUND);
            assertThat(d.summary()).contains("accepted leaving the source but rejected arriving at the destination");
        }
    }
}
