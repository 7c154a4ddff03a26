package dev.flowlens.core.diagnosis;

import static dev.flowlens.core.diagnosis.TestDiagnoser.CLIENT;
import static dev.flowlens.core.diagnosis.TestDiagnoser.CLOCK;
import static dev.flowlens.core.diagnosis.TestDiagnoser.ENIS;
import static dev.flowlens.core.diagnosis.TestDiagnoser.SERVER;
import static dev.flowlens.core.diagnosis.TestDiagnoser.T0;
import static dev.flowlens.core.diagnosis.TestDiagnoser.TO_SERVER;
import static dev.flowlens.core.diagnosis.TestDiagnoser.coverage;
import static dev.flowlens.core.diagnosis.TestDiagnoser.established;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.rules.FlowLogSetting;
import dev.flowlens.core.rules.FlowLogSetting.TrafficType;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flow log descriptions as facts in the {@link Diagnoser}: which flow logs capture an end (on the
 * ENI, its subnet or its VPC), the coverage sentences, and which verdicts they qualify.
 */
class TestFlowLogFacts {
    static final NetworkInterface CLIENT_ENI =
            new NetworkInterface("eni-client", "subnet-a", "vpc-1", List.of(CLIENT), List.of());
    static final NetworkInterface SERVER_ENI =
            new NetworkInterface("eni-server", "subnet-b", "vpc-1", List.of(SERVER), List.of());

    static NetworkConfig config(FlowLogSetting... logs) {
        return new NetworkConfig(List.of(), List.of(), List.of(CLIENT_ENI, SERVER_ENI), List.of(logs));
    }

    static FlowLogSetting log(String id, String resource, TrafficType type) {
        return new FlowLogSetting(id, resource, type, 600, null, "s3", null);
    }

    static Diagnosis diagnose(NetworkConfig config, List<Flow> flows) {
        return new Diagnoser(config, CLOCK)
                .diagnose(
                        TO_SERVER,
                        flows,
                        List.of(coverage("eni-client", 4, 0), coverage("eni-server", 4, 0)),
                        T0 + 3600,
                        ENIS::get);
    }

    @Test
    void flowLogsOfAnInterfaceAreThoseOnItsEniSubnetOrVpc() {
        NetworkConfig c = config(
                log("fl-eni", "eni-client", TrafficType.ACCEPT),
                log("fl-subnet", "subnet-b", TrafficType.ALL),
                log("fl-vpc", "vpc-1", TrafficType.REJECT),
                log("fl-other", "vpc-2", TrafficType.ALL));
        assertThat(c.flowLogsOf(CLIENT_ENI))
                .extracting(FlowLogSetting::flowLogId)
                .containsExactly("fl-eni", "fl-vpc");
        assertThat(c.flowLogsOf(SERVER_ENI))
                .extracting(FlowLogSetting::flowLogId)
                .containsExactly("fl-subnet", "fl-vpc");
        assertThat(new NetworkConfig(List.of(), List.of(), List.of(CLIENT_ENI)).flowLogsKnown())
                .isFalse();
    }

    @Test
    void logsThatTogetherCaptureAllLeaveNothingOut() {
        Diagnosis d = diagnose(
                config(log("fl-a", "eni-server", TrafficType.ACCEPT), log("fl-r", "vpc-1", TrafficType.REJECT)),
                List.of(TestDiagnoser.flow(T0, 40000, true, true, Action.ACCEPT)));
        assertThat(d.verdict()).isEqualTo(Verdict.NO_RESPONSE);
        assertThat(d.coverage().flowLogs()).extracting(EndFlowLogs::role).containsExactly("source", "destination");
        assertThat(d.coverage().partialEnds()).extracting(EndFlowLogs::eni).containsExactly("eni-client");
        assertThat(d.coverage().notes())
                .contains(
                        "eni-server (10.0.2.9, the destination) is logged by fl-a (ACCEPT only, 600 s aggregation, "
                                + "on eni-server), fl-r (REJECT only, 600 s aggregation, on vpc-1): accepted and rejected traffic are recorded");
        assertThat(d.summary())
                .endsWith(
                        "This rests on records that may not exist: eni-client (10.0.1.5, the source) records REJECT traffic only.");
    }

    @Test
    void establishedIsNotQualified() {
        Diagnosis d = diagnose(config(log("fl-r", "vpc-1", TrafficType.REJECT)), established(T0, 40001));
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(d.summary()).doesNotContain("This rests on");
        assertThat(d.causes()).noneMatch(c -> c.contains("REJECT traffic only"));
        assertThat(d.coverage().notes())
                .contains(
                        "eni-client (10.0.1.5, the source) is logged by fl-r (REJECT only, 600 s aggregation, on vpc-1): "
                                + "accepted traffic is never recorded there");
    }

    @Test
    void acceptOnlyOnTheDestinationQualifiesNotObservedAndReplacesTheGuess() {
        Diagnosis d = new Diagnoser(
                        config(
                                log("fl-a", "subnet-b", TrafficType.ACCEPT),
                                log("fl-all", "eni-client", TrafficType.ALL)),
                        CLOCK)
                .diagnose(TO_SERVER, List.of(), List.of(coverage("eni-server", 9, 0)), T0 + 3600, ENIS::get);
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OBSERVED);
        // the rule that blocks comes first (the test's interfaces have no groups), then the fact, then the usual causes
        assertThat(d.causes().get(0)).isEqualTo(d.rules().blocking().text());
        assertThat(d.causes().get(1))
                .isEqualTo(
                        "eni-server (10.0.2.9, the destination) records ACCEPT traffic only: attempts there may have "
                                + "happened without a record");
        assertThat(d.causes().get(2)).startsWith("the client never sent the traffic");
        // the guess from the records ("if its flow log captures ACCEPT traffic only") gives way to the fact
        assertThat(d.coverage().acceptOnlyEnis()).isEmpty();
        assertThat(d.coverage().notes()).noneMatch(n -> n.contains("if its flow log captures"));
    }

    @Test
    void anAddressOutsideTheConfigurationIsUnknownNotMissing() {
        DiagnosisRequest outside = new DiagnosisRequest(
                dev.flowlens.core.net.Cidr.parse("198.51.100.7"),
                dev.flowlens.core.net.Cidr.parse(SERVER),
                5432,
                6,
                null,
                null);
        Diagnosis d = new Diagnoser(config(log("fl-all", "vpc-1", TrafficType.ALL)), CLOCK)
                .diagnose(outside, List.of(), List.of(), null, ENIS::get);
        assertThat(d.coverage().flowLogs().get(0).known()).isFalse();
        assertThat(d.coverage().notes())
                .contains(
                        "flow log coverage of 198.51.100.7 (the source) is unknown: no interface of the configuration "
                                + "has this address");
        assertThat(d.summary()).doesNotContain("This rests on");
    }
}
