package dev.flowlens.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleFinding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link Diagnoser} on hand-written flows, coverage and a fixed clock: which verdict wins when
 * attempts behave differently, what the summary, causes and coverage notes say, what evidence is
 * kept, and when the configuration and the flows disagree.
 */
class TestDiagnoser {
    static final String CLIENT = "10.0.1.5";
    static final String SERVER = "10.0.2.9";
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").getEpochSecond();
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Map<String, String> ENIS = Map.of("eni-client", CLIENT, "eni-server", SERVER);
    static final DiagnosisRequest TO_SERVER =
            new DiagnosisRequest(Cidr.parse(CLIENT), Cidr.parse(SERVER), 5432, 6, null, null);

    private static long lines;

    /** A TCP record at {@code t}: request (client to server) or reply, on the given end's ENI. */
    static Flow flow(long t, int clientPort, boolean request, boolean atClient, Action action) {
        String eni = atClient ? "eni-client" : "eni-server";
        return request
                ? new Flow(
                        "f.log",
                        ++lines,
                        eni,
                        CLIENT,
                        SERVER,
                        null,
                        null,
                        clientPort,
                        5432,
                        6,
                        3,
                        180,
                        t,
                        t + 60,
                        action,
                        null,
                        null)
                : new Flow(
                        "f.log",
                        ++lines,
                        eni,
                        SERVER,
                        CLIENT,
                        null,
                        null,
                        5432,
                        clientPort,
                        6,
                        3,
                        180,
                        t,
                        t + 60,
                        action,
                        null,
                        null);
    }

    /** One attempt that worked: request and reply accepted at both ends. */
    static List<Flow> established(long t, int clientPort) {
        return List.of(
                flow(t, clientPort, true, true, Action.ACCEPT),
                flow(t, clientPort, true, false, Action.ACCEPT),
                flow(t, clientPort, false, false, Action.ACCEPT),
                flow(t, clientPort, false, true, Action.ACCEPT));
    }

    /** One attempt rejected arriving at the server. */
    static List<Flow> rejectedInbound(long t, int clientPort) {
        return List.of(flow(t, clientPort, true, true, Action.ACCEPT), flow(t, clientPort, true, false, Action.REJECT));
    }

    static EniCoverage coverage(String eni, long accepted, long rejected) {
        return new EniCoverage(eni, T0, T0 + 3600, accepted, rejected, 0, 0);
    }

    static Diagnosis diagnose(DiagnosisRequest request, List<Flow> flows, List<EniCoverage> enis, Long newest) {
        return new Diagnoser(NetworkConfig.EMPTY, CLOCK).diagnose(request, flows, enis, newest, ENIS::get);
    }

    @Test
    void nothingRecordedIsNotObservedAndSaysWhereToLook() {
        Diagnosis d = diagnose(TO_SERVER, List.of(), List.of(), null);
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OBSERVED);
        assertThat(d.groups()).isEmpty();
        assertThat(d.evidence()).isEmpty();
        assertThat(d.summary())
                .isEqualTo("TCP 10.0.1.5 -> 10.0.2.9 port 5432: NOT_OBSERVED. No flow log record matches in the whole "
                        + "workspace. No ENI in the workspace logged TCP 10.0.1.5 -> 10.0.2.9 port 5432 in the whole workspace: check that a flow "
                        + "log covers the ENIs (or subnet or VPC) of both ends and that its files were ingested.");
        assertThat(d.causes()).first().asString().startsWith("the client never sent the traffic");
        assertThat(d.causes())
                .last()
                .asString()
                .isEqualTo("the flow logs of that window have not been delivered or ingested yet");
        assertThat(d.causes()).noneMatch(c -> c.contains("ACCEPT traffic only") || c.contains("SKIPDATA"));
        assertThat(d.rules()).isNull();
    }

    @Test
    void notObservedOnAnAcceptOnlyLogWithSkippedRecordsNamesBoth() {
        List<EniCoverage> enis = List.of(new EniCoverage("eni-server", T0, T0 + 3600, 50, 0, 2, 3));
        Diagnosis d = diagnose(TO_SERVER, List.of(), enis, null);
        assertThat(d.coverage().acceptOnlyEnis()).containsExactly("eni-server");
        assertThat(d.coverage().noData()).isEqualTo(2);
        assertThat(d.coverage().skipData()).isEqualTo(3);
        assertThat(d.coverage().notes())
                .anyMatch(n -> n.startsWith("3 SKIPDATA record(s)"))
                .anyMatch(n -> n.startsWith("2 NODATA record(s)"))
                .anyMatch(n -> n.startsWith("only ACCEPT records were ever logged for eni-server"));
        assertThat(d.causes())
                .contains(
                        "the attempts were rejected but the flow log captures ACCEPT traffic only",
                        "the records were skipped (SKIPDATA) by AWS");
    }

    @Test
    void theNewestRecordIsComparedWithTheInjectedClock() {
        long now = NOW.getEpochSecond();
        List<EniCoverage> enis = List.of(coverage("eni-server", 1, 0));
        // delivered minutes ago: later traffic may still be on its way
        assertThat(diagnose(TO_SERVER, List.of(), enis, now - 5 * 60).coverage().notes())
                .anyMatch(n -> n.equals(
                        "the newest record in the workspace ends at 2026-11-20T11:55:00Z; flow logs arrive 5-10 minutes "
                                + "after the capture window, so later traffic may not be delivered yet"));
        // hours ago: ingest newer files
        assertThat(diagnose(TO_SERVER, List.of(), enis, now - 2 * 3600)
                        .coverage()
                        .notes())
                .anyMatch(n -> n.equals(
                        "the newest record in the workspace ends at 2026-11-20T10:00:00Z; ingest newer files to see traffic "
                                + "after it"));
        // more than a week old: an archive, no note
        assertThat(diagnose(TO_SERVER, List.of(), enis, now - 8 * 24 * 3600)
                        .coverage()
                        .notes())
                .noneMatch(n -> n.startsWith("the newest record"));
        // a window that ends before the newest record: no note
        DiagnosisRequest past =
                new DiagnosisRequest(Cidr.parse(CLIENT), Cidr.parse(SERVER), 5432, 6, T0 - 3600, T0 - 60);
        assertThat(diagnose(past, List.of(), enis, now - 5 * 60).coverage().notes())
                .noneMatch(n -> n.startsWith("the newest record"));
    }

    @Test
    void theMostRecentBehaviourIsTheVerdictAndTheChangeIsTold() {
        List<Flow> flows = new ArrayList<>();
        flows.addAll(established(T0, 40000));
        flows.addAll(established(T0 + 60, 40001));
        flows.addAll(rejectedInbound(T0 + 40 * 60, 40002));
        Diagnosis d =
                diagnose(TO_SERVER, flows, List.of(coverage("eni-client", 7, 0), coverage("eni-server", 4, 1)), null);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED_INBOUND);
        assertThat(d.groups())
                .extracting(AttemptGroup::verdict)
                .containsExactly(Verdict.ESTABLISHED, Verdict.REJECTED_INBOUND);
        assertThat(d.groups()).extracting(AttemptGroup::count).containsExactly(2, 1);
        assertThat(d.groups().get(0).started()).isEqualTo(T0);
        assertThat(d.groups().get(0).ended()).isEqualTo(T0 + 120);
        assertThat(d.summary())
                .isEqualTo("TCP 10.0.1.5 -> 10.0.2.9 port 5432: REJECTED_INBOUND. Attempts behaved differently: "
                        + "2 ESTABLISHED from 2026-11-20T10:00:00Z to 2026-11-20T10:02:00Z; 1 REJECTED_INBOUND from 2026-11-20T10:40:00Z to "
                        + "2026-11-20T10:41:00Z. Most recent: REJECTED_INBOUND. 1 attempt (2026-11-20T10:40:00Z to 2026-11-20T10:41:00Z, seen on "
                        + "eni-client, eni-server): the request was accepted leaving the source but rejected arriving at the destination. A security "
                        + "group or network ACL inbound rule at the destination does not allow it.");
        assertThat(d.causes())
                .containsExactly(
                        "the destination's security group has no inbound rule allowing TCP 5432 from the source",
                        "the network ACL of the destination's subnet denies TCP 5432 inbound from the source");
        assertThat(d.evidence()).hasSize(10);
        assertThat(d.evidence()).isSortedAccordingTo((a, b) -> Long.compare(a.start(), b.start()));
    }

    @Test
    void conversationsOutsideTheRequestAreLeftOut() {
        List<Flow> flows = new ArrayList<>(established(T0, 40000));
        // the same hosts on another port: a candidate the store may return, not an attempt at port 5432
        flows.add(new Flow(
                "f.log",
                999,
                "eni-server",
                CLIENT,
                SERVER,
                null,
                null,
                40001,
                22,
                6,
                3,
                180,
                T0,
                T0 + 60,
                Action.REJECT,
                null,
                null));
        Diagnosis d = diagnose(TO_SERVER, flows, List.of(), null);
        assertThat(d.verdict()).isEqualTo(Verdict.ESTABLISHED);
        assertThat(d.attempts()).hasSize(1);
        assertThat(d.evidence()).extracting(Flow::line).doesNotContain(999L);
    }

    @Test
    void evidenceKeepsTheMostRecentRecordsOfEachBehaviour() {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flows.addAll(established(T0 + i * 60L, 41000 + i));
        }
        Diagnosis d = diagnose(TO_SERVER, flows, List.of(), null);
        assertThat(d.evidence()).hasSize(Diagnoser.EVIDENCE_PER_GROUP);
        // 4 records an attempt: the last three attempts
        assertThat(d.evidence()).extracting(Flow::start).allMatch(s -> s >= T0 + 17 * 60);
    }

    @Test
    void aReplyRejectedAtTheClientPutsTheClientsNetworkAclFirst() {
        List<Flow> flows = List.of(
                flow(T0, 40000, true, true, Action.ACCEPT),
                flow(T0, 40000, true, false, Action.ACCEPT),
                flow(T0, 40000, false, false, Action.ACCEPT),
                flow(T0, 40000, false, true, Action.REJECT));
        Diagnosis d = diagnose(TO_SERVER, flows, List.of(), null);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED_RESPONSE);
        assertThat(d.causes().get(0)).startsWith("the network ACL of the source's subnet has no inbound rule");
        assertThat(d.causes().get(1)).startsWith("the network ACL of the destination's subnet has no outbound rule");

        List<Flow> atServer = List.of(
                flow(T0, 40000, true, true, Action.ACCEPT),
                flow(T0, 40000, true, false, Action.ACCEPT),
                flow(T0, 40000, false, false, Action.REJECT));
        Diagnosis s = diagnose(TO_SERVER, atServer, List.of(), null);
        assertThat(s.causes().get(0)).startsWith("the network ACL of the destination's subnet has no outbound rule");
    }

    @Test
    void everyVerdictHasCausesAndASummarySentence() {
        // the causes and the summary's closing sentence are exhaustive switches; this checks they say something for
        // each
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        List<List<Flow>> cases = List.of(
                established(T0, 40000),
                rejectedInbound(T0, 40000),
                List.of(flow(T0, 40000, true, true, Action.REJECT)),
                List.of(flow(T0, 40000, true, true, Action.ACCEPT), flow(T0, 40000, false, false, Action.REJECT)),
                List.of(flow(T0, 40000, true, true, Action.ACCEPT)),
                List.of());
        for (List<Flow> c : cases) {
            Diagnosis d = diagnose(TO_SERVER, c, List.of(), null);
            seen.add(d.verdict());
            assertThat(d.causes()).as(d.verdict().name()).isNotEmpty();
            assertThat(d.summary())
                    .as(d.verdict().name())
                    .startsWith("TCP 10.0.1.5 -> 10.0.2.9 port 5432: " + d.verdict() + ". ");
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        Verdict.ESTABLISHED,
                        Verdict.REJECTED_INBOUND,
                        Verdict.REJECTED_EGRESS,
                        Verdict.REJECTED_RESPONSE,
                        Verdict.NO_RESPONSE,
                        Verdict.NOT_OBSERVED);
    }

    @Test
    void everyRuleStepPredictsARejection() {
        for (RuleFinding.Step step : RuleFinding.Step.values()) {
            assertThat(Diagnoser.predicted(step))
                    .as(step.name())
                    .isIn(Verdict.REJECTED_EGRESS, Verdict.REJECTED_INBOUND, Verdict.REJECTED_RESPONSE);
        }
    }

    @Test
    void configurationAndFlowsDisagreeingIsSaid() {
        RuleFinding deny =
                new RuleFinding(RuleFinding.Step.DESTINATION_SECURITY_GROUP_INBOUND, false, "sg-1 has no inbound rule");
        PathEvaluation blocked = new PathEvaluation(List.of(deny), deny, List.of(), true);
        PathEvaluation open = new PathEvaluation(List.of(), null, List.of(), true);
        assertThat(Diagnoser.disagreement(Verdict.ESTABLISHED, blocked))
                .contains("the configuration denies it (sg-1 has no inbound rule)");
        assertThat(Diagnoser.disagreement(Verdict.REJECTED_INBOUND, blocked)).isNull();
        assertThat(Diagnoser.disagreement(Verdict.REJECTED_EGRESS, blocked))
                .isEqualTo(
                        "the configuration blocks at destination security group inbound but the flows show REJECTED_EGRESS");
        assertThat(Diagnoser.disagreement(Verdict.REJECTED_INBOUND, open))
                .contains("every rule on the path allows the traffic");
        assertThat(Diagnoser.disagreement(Verdict.ESTABLISHED, open)).isNull();
        // a path not evaluated to the end allows nothing for certain: no disagreement
        assertThat(Diagnoser.disagreement(
                        Verdict.REJECTED_INBOUND,
                        new PathEvaluation(List.of(), null, List.of("no network ACL found"), false)))
                .isNull();
    }
}
