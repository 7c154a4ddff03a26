package dev.flowlens.sources.awsconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleEvaluator;
import dev.flowlens.core.rules.RuleFinding.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security groups and network ACLs in the AWS CLI's JSON shape, evaluated hop by hop with the rule named. */
class TestRuleEvaluation {
    static final Path CONFIG = Path.of("src/test/resources/awsconfig");

    private final NetworkConfig config = new AwsConfigReader().read(resolve());
    private final RuleEvaluator rules = new RuleEvaluator(config);

    private static Path resolve() {
        // surefire runs from the repo root or the module folder
        Path p = Path.of("flowlens-sources").resolve(CONFIG);
        return Files.isDirectory(p) ? p : CONFIG;
    }

    /** The findings of {@code p} include these texts. */
    private static void assertFindingTexts(PathEvaluation p, String... texts) {
        assertThat(p.findings()).extracting(f -> f.text()).contains(texts);
    }

    @Test
    void readsGroupsAclsAndInterfaces() {
        assertThat(config.securityGroups())
                .extracting(g -> g.groupId())
                .containsExactly("sg-0web", "sg-0db", "sg-0bastion");
        assertThat(config.networkAcls()).hasSize(2);
        assertThat(config.interfaceOf("2001:db8::1:0:0:10")).isNull();
        assertThat(config.interfaceOf("2001:db8:0:1:0:0:0:10").eniId()).isEqualTo("eni-0web");
        assertThat(config.aclOfSubnet("subnet-0web").entries().get(0).ruleNumber())
                .isEqualTo(50);
    }

    @Test
    void httpsFromTheInternetIsAcceptedInButTheReplyIsDeniedByNaclOutboundRule100() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "198.51.100.7", 50123, "10.0.0.10", 443);
        assertThat(p.findings())
                .extracting(f -> f.step())
                .containsExactly(
                        Step.DESTINATION_NETWORK_ACL_INBOUND,
                        Step.DESTINATION_SECURITY_GROUP_INBOUND,
                        Step.DESTINATION_NETWORK_ACL_OUTBOUND_REPLY);
        assertThat(p.findings().get(0).text())
                .isEqualTo("network ACL acl-0a1b inbound rule 100 allows all traffic from 0.0.0.0/0");
        assertThat(p.findings().get(1).text())
                .isEqualTo("security group sg-0web inbound rule allows TCP 443 from 0.0.0.0/0");
        assertThat(p.blocking().step()).isEqualTo(Step.DESTINATION_NETWORK_ACL_OUTBOUND_REPLY);
        assertThat(p.blocking().text())
                .isEqualTo("network ACL acl-0a1b outbound rule 100 denies TCP 1024-65535 to 0.0.0.0/0");
        assertThat(p.notes()).anyMatch(n -> n.contains("198.51.100.7 is not an interface"));
    }

    @Test
    void replyToAWellKnownClientPortPassesTheAclBecauseThePortRangeDoesNotMatch() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "198.51.100.7", 1000, "10.0.0.10", 443);
        assertThat(p.blocking()).isNull();
        assertThat(p.findings().get(2).text())
                .isEqualTo("network ACL acl-0a1b outbound rule 200 allows all traffic to 0.0.0.0/0");
    }

    @Test
    void missingInboundRuleIsNamed() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "198.51.100.7", 50123, "10.0.0.10", 3389);
        assertThat(p.blocking().text()).isEqualTo("no inbound rule of sg-0web allows TCP 3389 from 198.51.100.7");
    }

    @Test
    void lowerNumberedDenyWinsOverLaterAllow() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "203.0.113.9", 50123, "10.0.0.10", 443);
        assertThat(p.blocking().text())
                .isEqualTo("network ACL acl-0a1b inbound rule 50 denies all traffic from 203.0.113.0/24");
    }

    @Test
    void ipv6ClientUsesIpv6Rules() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "2001:db8:ffff::7", 50123, "2001:db8:0:1::10", 443);
        assertThat(p.blocking()).isNull();
        assertFindingTexts(
                p,
                "security group sg-0web inbound rule allows TCP 443 from ::/0",
                "network ACL acl-0a1b outbound rule 101 allows all traffic to ::/0");
    }

    @Test
    void referencedGroupAllowsSshFromTheBastion() {
        PathEvaluation p = rules.evaluate(Protocols.TCP, "10.0.1.5", 50123, "10.0.0.10", 22);
        assertFindingTexts(
                p,
                "security group sg-0bastion outbound rule allows TCP 22 to 10.0.0.0/16",
                "security group sg-0web inbound rule allows TCP 22 from members of sg-0bastion (10.0.1.5 is eni-0bastion)");
        // the reply to port 50123 is denied by the web subnet's outbound rule 100
        assertThat(p.blocking().text())
                .isEqualTo("network ACL acl-0a1b outbound rule 100 denies TCP 1024-65535 to 0.0.0.0/0");
    }

    @Test
    void portRangeAndSameSubnetSkipsTheAcls() {
        PathEvaluation ok = rules.evaluate(Protocols.TCP, "10.0.1.5", 50123, "10.0.1.20", 5433);
        assertThat(ok.notes()).anyMatch(n -> n.contains("network ACLs do not apply"));
        assertThat(ok.findings())
                .extracting(f -> f.step())
                .containsExactly(Step.SOURCE_SECURITY_GROUP_OUTBOUND, Step.DESTINATION_SECURITY_GROUP_INBOUND);
        // the bastion may only open TCP 22: its outbound rules stop the database connection first
        assertThat(ok.blocking().text()).isEqualTo("no outbound rule of sg-0bastion allows TCP 5433 to 10.0.1.20");
        assertThat(rules.evaluate(Protocols.TCP, "10.0.1.5", 50123, "10.0.1.20", 5434)
                        .findings()
                        .get(1)
                        .allowed())
                .isFalse();
    }

    @Test
    void protocolMinusOneAllowsIcmpAndIcmpRuleIgnoresPorts() {
        PathEvaluation p = rules.evaluate(Protocols.ICMP, "10.0.0.10", 0, "10.0.1.5", 0);
        assertFindingTexts(
                p,
                "security group sg-0web outbound rule allows all traffic to 0.0.0.0/0",
                "security group sg-0bastion inbound rule allows ICMP to 0.0.0.0/0".replace(" to ", " from "));
        assertThat(p.blocking()).isNull();
    }

    @Test
    void badConfigFolderIsAUserError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new AwsConfigReader().read(dir))
                .isInstanceOf(FlowlensException.class)
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
        Files.writeString(dir.resolve("sg.json"), "{\"SecurityGroups\": [ {\"GroupId\": ");
        assertThatThrownBy(() -> new AwsConfigReader().read(dir))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("sg.json");
        assertThatThrownBy(() -> new AwsConfigReader().read(dir.resolve("missing")))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("is not a folder");
    }
}
