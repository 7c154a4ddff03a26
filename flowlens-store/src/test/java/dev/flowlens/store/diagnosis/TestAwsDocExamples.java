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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented AWS flow log examples diagnose as the AWS guide explains them. */
class TestAwsDocExamples {
    static final Path DOCS = Path.of("testdata/conformance/aws-docs");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Diagnosis diagnose(String file, String src, String dst, Integer port, Integer protocol) throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE)
                    .ingest(java.util.List.of(DOCS.resolve(file)));
            DiagnosisRequest r = new DiagnosisRequest(
                    src == null ? null : Cidr.parse(src), Cidr.parse(dst), port, protocol, null, null);
            return new DiagnosisService(ws.connection(), NetworkConfig.EMPTY, CLOCK).diagnose(r);
        }
    }

    @Test
    void sshAcceptedIsEstablishedAndRdpRejectedIsRejectedInbound() throws Exception {
        Diagnosis ssh = diagnose("flow-log-example-accepted-rejected.log", "172.31.16.139", "172.31.16.21", 22, null);
        assertThat(ssh.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(ssh.evidence()).hasSize(1);
        assertThat(ssh.evidence().get(0).line()).isEqualTo(2);
        assertThat(ssh.evidence().get(0).path()).endsWith("flow-log-example-accepted-rejected.log");

        Diagnosis rdp =
                diagnose("flow-log-example-accepted-rejected.log", "172.31.9.69", "172.31.9.12", 3389, Protocols.TCP);
        assertThat(rdp.verdict()).isEqualTo(Verdict.REJECTED_INBOUND);
        assertThat(rdp.evidence()).extracting(f -> f.line()).containsExactly(3L);
    }

    @Test
    void pingAcceptedInAndReplyRejectedOutIsRejectedResponse() throws Exception {
        Diagnosis d =
                diagnose("flow-log-example-security-groups.log", "203.0.113.12", "172.31.16.139", null, Protocols.ICMP);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED_RESPONSE);
        assertThat(d.attempts()).hasSize(1);
        assertThat(d.evidence()).extracting(f -> f.line()).containsExactly(2L, 3L);
        assertThat(d.causes().get(0))
                .contains("network ACL of the destination's subnet")
                .contains("outbound");
        assertThat(d.summary()).contains("REJECTED_RESPONSE").contains("network ACL");
    }

    @Test
    void pingFromTheOtherSideIsNotObserved() throws Exception {
        Diagnosis d =
                diagnose("flow-log-example-security-groups.log", "172.31.16.139", "203.0.113.12", null, Protocols.ICMP);
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OBSERVED);
        assertThat(d.coverage().enis()).extracting(e -> e.eni()).containsExactly("eni-1235b8ca123456789");
    }

    @Test
    void ipv6SshIsEstablished() throws Exception {
        Diagnosis d = diagnose(
                "flow-log-example-ipv6.log",
                "2001:db8:1234:a100:8d6e:3477:df66:f105",
                "2001:db8:1234:a102:3304:8879:34cf:4071",
                22,
                Protocols.TCP);
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
    }

    @Test
    void tcpFlagSequenceHasThreeEstablishedConnectionsAcrossWindows() throws Exception {
        Diagnosis d = diagnose("flow-log-example-tcp-flag.log", null, "10.0.0.62", 5001, Protocols.TCP);
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(d.attempts()).hasSize(3);
        assertThat(d.attempts())
                .allSatisfy(a -> assertThat(a.conversation().client().address()).isEqualTo("52.213.180.42"));
        // the 43418 connection spans two capture windows: 4 records in one conversation
        assertThat(d.attempts()).anySatisfy(a -> {
            assertThat(a.conversation().client().port()).isEqualTo(43418);
            assertThat(a.conversation().flows()).hasSize(4);
        });
    }

    @Test
    void transitGatewayConnectionPairsAcrossThreeEnis() throws Exception {
        Diagnosis d = diagnose("flow-log-example-tgw.log", "10.20.33.164", "10.40.2.236", 80, Protocols.TCP);
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(d.attempts()).hasSize(1);
        assertThat(d.attempts().get(0).conversation().enis())
                .containsExactly("eni-11111111111111111", "eni-22222222222222222", "eni-33333333333333333");
    }

    @Test
    void s3TrafficWithDifferentFieldOrderIsEstablished() throws Exception {
        Diagnosis d = diagnose("flow-log-example-traffic-path.log", "10.0.0.71", "52.95.128.179", 80, Protocols.TCP);
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(d.attempts().get(0).conversation().requests()).hasSize(1);
        assertThat(d.attempts().get(0).conversation().replies()).hasSize(1);
    }

    @Test
    void noDataLogIsNotObservedWithCoverage() throws Exception {
        Diagnosis d = diagnose("flow-log-example-no-data.log", "10.0.0.1", "10.0.0.2", 443, Protocols.TCP);
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OBSERVED);
        assertThat(d.coverage().notes()).isNotEmpty();
        assertThat(d.causes()).isNotEmpty();
    }
}
