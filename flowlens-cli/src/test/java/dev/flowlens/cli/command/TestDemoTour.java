package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.CliRun.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's tour on the demo VPC: every deliberate failure of the demo gets its verdict, and
 * with the demo's AWS configuration the responsible rule is named.
 */
class TestDemoTour {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    /** Diagnoses {@code args} (split on spaces): the verdict, and the first cause containing {@code cause}. */
    private static void assertVerdictAndFirstCause(String args, String verdict, String cause) throws Exception {
        JsonNode j = diagnose(args.split(" "));
        assertThat(j.get("verdict").asText()).isEqualTo(verdict);
        assertThat(j.get("causes").get(0).asText()).contains(cause);
    }

    private static JsonNode diagnose(String... args) throws Exception {
        List<String> all =
                new ArrayList<>(List.of("diagnose", "--db", DEMO.db(), "--config", DEMO.config(), "--output", "json"));
        all.addAll(List.of(args));
        Result r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        return JSON.readTree(r.out());
    }

    @Test
    void noResponseFromTheCachePort() throws Exception {
        JsonNode j = diagnose("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "6379");
        assertThat(j.get("verdict").asText()).isEqualTo("NO_RESPONSE");
        assertThat(j.get("evidence").size()).isGreaterThan(0);
    }

    @Test
    void resetFromTheClosedPort() throws Exception {
        assertThat(diagnose("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "5433")
                        .get("verdict")
                        .asText())
                .isEqualTo("RESET");
    }

    @Test
    void sshFromTheInternetIsRejectedByTheBastionsGroup() throws Exception {
        assertVerdictAndFirstCause(
                "--dst 10.0.0.5 --port 22",
                "REJECTED_INBOUND",
                "no inbound rule of " + DemoConfig.SG_BASTION + " allows TCP 22 from 203.0.113.77");
    }

    @Test
    void replyRejectedByTheWebSubnetsNetworkAcl() throws Exception {
        assertVerdictAndFirstCause(
                "--src 203.0.113.50 --dst 10.0.1.11 --port 8443",
                "REJECTED_RESPONSE",
                "network ACL " + DemoConfig.ACL_WEB + " outbound rule 90 denies");
    }

    @Test
    void theDatabaseMayNotReachTheInternet() throws Exception {
        assertVerdictAndFirstCause(
                "--src 10.0.3.30 --dst 203.0.113.80 --port 443",
                "REJECTED_EGRESS",
                "no outbound rule of " + DemoConfig.SG_DB + " allows TCP 443 to 203.0.113.80");
    }

    @Test
    void webOneWorkedThenWasRejectedFromTenForty() throws Exception {
        JsonNode j = diagnose("--src", "10.0.1.10", "--dst", "10.0.2.20", "--port", "8080");
        assertThat(j.get("verdict").asText()).isEqualTo("REJECTED_INBOUND");
        assertThat(j.get("attempts").toString())
                .contains("ESTABLISHED")
                .contains("REJECTED_INBOUND")
                .contains("2026-11-20T10:40");
    }

    @Test
    void theAwsGuidesPingIsARejectedResponse() throws Exception {
        JsonNode j = diagnose("--src", "203.0.113.12", "--dst", "10.0.1.10", "--protocol", "icmp");
        assertThat(j.get("verdict").asText()).isEqualTo("REJECTED_RESPONSE");
    }

    @Test
    void webClientsAreEstablished() throws Exception {
        assertThat(diagnose("--dst", "10.0.1.10", "--port", "443")
                        .get("verdict")
                        .asText())
                .isEqualTo("ESTABLISHED");
    }

    @Test
    void nothingObservedNamesTheCoverage() throws Exception {
        JsonNode j = diagnose("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", "9999");
        assertThat(j.get("verdict").asText()).isEqualTo("NOT_OBSERVED");
        assertThat(j.get("coverage").toString()).contains("eni-0a1b2c3d4e5f60301");
    }

    @Test
    void searchQueryAndReportsAnswerOnTheDemo() throws Exception {
        Result search = run(
                "search",
                "--db",
                DEMO.db(),
                "--ip",
                "203.0.113.77",
                "\" REJECT \"",
                "--output",
                "json",
                "--limit",
                "100");
        JsonNode rows = JSON.readTree(search.out());
        assertThat(rows.size()).isEqualTo(17);
        for (JsonNode r : rows) {
            assertThat(r.get("action").asText()).isEqualTo("REJECT");
            assertThat(r.get("dstport").asInt()).isEqualTo(22);
        }
        Result scans = run("report", "port-scans", "--db", DEMO.db(), "--output", "json");
        assertThat(scans.out()).contains("198.51.100.200");
        Result query = run(
                "query",
                "--db",
                DEMO.db(),
                "--output",
                "json",
                "filter action = \"REJECT\" | stats count(*) as rejected by srcAddr | sort rejected desc | limit 1");
        assertThat(JSON.readTree(query.out()).get(0).get("srcAddr").asText()).isEqualTo("10.0.1.10");
    }
}
