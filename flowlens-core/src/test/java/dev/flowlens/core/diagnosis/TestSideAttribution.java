package dev.flowlens.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.rules.NetworkConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which end captured a record when v2 logs have neither flow-direction nor tcp-flags: an ENI whose
 * address is unknown is placed by elimination against the ENIs that were located.
 */
class TestSideAttribution {
    static final String CLIENT = "10.0.1.5";
    static final String SERVER = "10.0.2.9";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Flow flow(long line, String eni, String src, int sp, String dst, int dp, Action action) {
        return new Flow("f.log", line, eni, src, dst, null, null, sp, dp, 6, 3, 180, 1000, 1060, action, null, null);
    }

    private static Flow request(long line, String eni, Action action) {
        return flow(line, eni, CLIENT, 40000, SERVER, 5432, action);
    }

    private static Flow reply(long line, String eni, Action action) {
        return flow(line, eni, SERVER, 5432, CLIENT, 40000, action);
    }

    private static Conversation conversation(List<Flow> requests, List<Flow> replies) {
        Endpoint c = new Endpoint(CLIENT, 40000);
        Endpoint s = new Endpoint(SERVER, 5432);
        return new Conversation(ConversationKey.of(6, c, s), c, s, requests, replies, "test");
    }

    private static SideLocator knowing(Map<String, String> addresses) {
        return new SideLocator(addresses::get);
    }

    @Test
    void requestRejectedOnAnotherEniThanTheSourceIsRejectedInbound() {
        Conversation c = conversation(
                List.of(request(1, "eni-client", Action.ACCEPT), request(2, "eni-unknown", Action.REJECT)), List.of());
        Judgement j = new VerdictRules(knowing(Map.of("eni-client", CLIENT))).judge(c);
        assertThat(j.verdict()).isEqualTo(Verdict.REJECTED_INBOUND);
        assertThat(j.capturedAt()).isEqualTo(Side.SERVER);
    }

    @Test
    void eliminationPlacesTheUnknownEniAtTheOtherEnd() {
        Conversation c = conversation(
                List.of(request(1, "eni-client", Action.ACCEPT), request(2, "eni-unknown", Action.REJECT)), List.of());
        SideLocator.ConversationSides sides =
                knowing(Map.of("eni-client", CLIENT)).locate(c);
        assertThat(sides.side(c.requests().get(0), true)).isEqualTo(Side.CLIENT);
        assertThat(sides.side(c.requests().get(1), true)).isEqualTo(Side.SERVER);
    }

    @Test
    void aRecordOnALocatedEniTakesItsSide() {
        // a v5 file placed the server's ENI (flow-direction); its records from a v2 file sit at the same end
        Flow known = new Flow(
                "v5.log",
                1,
                "eni-server",
                CLIENT,
                SERVER,
                null,
                null,
                40000,
                5432,
                6,
                3,
                180,
                1000,
                1060,
                Action.ACCEPT,
                null,
                "ingress");
        Flow unknown = request(2, "eni-server", Action.REJECT);
        Flow other = request(3, "eni-other", Action.ACCEPT);
        Conversation c = conversation(List.of(known, unknown, other), List.of());
        SideLocator.ConversationSides sides = knowing(Map.of()).locate(c);
        assertThat(sides.side(unknown, true)).isEqualTo(Side.SERVER);
        assertThat(sides.side(other, true)).isEqualTo(Side.CLIENT);
    }

    @Test
    void withBothEndsLocatedAThirdEniStaysUnknown() {
        // a middle box (NAT or transit gateway ENI) is neither end
        Conversation c = conversation(
                List.of(
                        request(1, "eni-client", Action.ACCEPT),
                        request(2, "eni-server", Action.ACCEPT),
                        request(3, "eni-middle", Action.REJECT)),
                List.of());
        SideLocator.ConversationSides sides =
                knowing(Map.of("eni-client", CLIENT, "eni-server", SERVER)).locate(c);
        assertThat(sides.side(c.requests().get(2), true)).isEqualTo(Side.UNKNOWN);
    }

    @Test
    void nothingLocatedStaysUnknown() {
        Conversation c = conversation(
                List.of(request(1, "eni-a", Action.ACCEPT), request(2, "eni-b", Action.REJECT)), List.of());
        SideLocator.ConversationSides sides = knowing(Map.of()).locate(c);
        assertThat(sides.side(c.requests().get(0), true)).isEqualTo(Side.UNKNOWN);
        assertThat(sides.side(c.requests().get(1), true)).isEqualTo(Side.UNKNOWN);
    }

    @Test
    void replyRejectedOnAnotherEniThanTheServerIsRejectedArrivingAtTheSource() {
        Conversation c = conversation(
                List.of(request(1, "eni-server", Action.ACCEPT)),
                List.of(reply(2, "eni-server", Action.ACCEPT), reply(3, "eni-unknown", Action.REJECT)));
        Judgement j = new VerdictRules(knowing(Map.of("eni-server", SERVER))).judge(c);
        assertThat(j.verdict()).isEqualTo(Verdict.REJECTED_RESPONSE);
        assertThat(j.capturedAt()).isEqualTo(Side.CLIENT);
    }

    @Test
    void requestRejectedOnlyOnTheLocatedSourceIsStillRejectedEgress() {
        Conversation c = conversation(List.of(request(1, "eni-client", Action.REJECT)), List.of());
        Judgement j = new VerdictRules(knowing(Map.of("eni-client", CLIENT))).judge(c);
        assertThat(j.verdict()).isEqualTo(Verdict.REJECTED_EGRESS);
    }

    @Test
    void diagnoserAgreesWithItsEvidence() {
        List<Flow> candidates =
                List.of(request(1, "eni-client", Action.ACCEPT), request(2, "eni-unknown", Action.REJECT));
        DiagnosisRequest r = new DiagnosisRequest(Cidr.parse(CLIENT), Cidr.parse(SERVER), 5432, 6, null, null);
        Diagnosis d = new Diagnoser(NetworkConfig.EMPTY, CLOCK)
                .diagnose(r, candidates, List.of(), null, eni -> "eni-client".equals(eni) ? CLIENT : null);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED_INBOUND);
        assertThat(d.evidence()).extracting(Flow::action).contains(Action.REJECT);
        assertThat(d.summary()).contains("rejected arriving at the destination");
    }
}
