package dev.flowlens.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.TcpFlags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link VerdictRules} over every verdict and every format capability: each scenario is the same
 * traffic as AWS would log it in a v2 file (no tcp-flags, no flow-direction; the ENIs' addresses
 * known or not) and in a v5 file (both), with the verdict expected for each. Where a format cannot
 * tell (a reset without tcp-flags, a side without any address), the expectation says what the
 * rules conclude instead. {@code NOT_OBSERVED} has no conversation; {@link TestDiagnoser} covers it.
 */
class TestVerdictRules {
    static final String CLIENT = "10.0.1.5";
    static final String SERVER = "10.0.2.9";
    static final Endpoint CLIENT_END = new Endpoint(CLIENT, 40000);
    static final Endpoint SERVER_END = new Endpoint(SERVER, 5432);

    /** What a format logs and what is known about the ENIs. */
    enum Capability {
        /** v2: no tcp-flags, no flow-direction; the ENIs' primary addresses are known (learned or --config). */
        V2,
        /** v2 and nothing known about the ENIs. */
        V2_UNPLACED,
        /** v5 and later: tcp-flags and flow-direction. */
        V5
    }

    /** One record as captured: at which end, which way, what happened. */
    record Capture(boolean atClient, boolean request, Action action, int flags, long packets, long bytes) {
        static Capture request(boolean atClient, Action action) {
            return new Capture(atClient, true, action, TcpFlags.SYN, 3, 180);
        }

        static Capture reply(boolean atClient, Action action) {
            return new Capture(atClient, false, action, TcpFlags.SYN_ACK, 3, 180);
        }

        Capture withFlags(int f) {
            return new Capture(atClient, request, action, f, packets, bytes);
        }

        Capture withTraffic(long p, long b) {
            return new Capture(atClient, request, action, flags, p, b);
        }

        Flow flow(Capability capability, long line) {
            Endpoint from = request ? CLIENT_END : SERVER_END;
            Endpoint to = request ? SERVER_END : CLIENT_END;
            String direction = null;
            Integer tcpFlags = null;
            if (capability == Capability.V5) {
                // egress when the capturing ENI is the sender's
                direction = atClient == request ? "egress" : "ingress";
                tcpFlags = flags;
            }
            return new Flow(
                    "f.log",
                    line,
                    atClient ? "eni-client" : "eni-server",
                    from.address(),
                    to.address(),
                    null,
                    null,
                    from.port(),
                    to.port(),
                    6,
                    packets,
                    bytes,
                    1000 + line,
                    1060 + line,
                    action,
                    tcpFlags,
                    direction);
        }
    }

    record Scenario(
            String name, List<Capture> captures, Map<Capability, Verdict> verdicts, Map<Capability, Side> sides) {}

    static List<Scenario> scenarios() {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario(
                "request and reply accepted at both ends",
                delivered(Capture.reply(false, Action.ACCEPT), Capture.reply(true, Action.ACCEPT)),
                all(Verdict.ESTABLISHED),
                all(Side.UNKNOWN)));
        s.add(new Scenario(
                "request carried data, reply not captured",
                List.of(Capture.request(true, Action.ACCEPT)
                        .withTraffic(10, 15_000)
                        .withFlags(TcpFlags.SYN | TcpFlags.FIN)),
                all(Verdict.ESTABLISHED),
                all(Side.UNKNOWN)));
        s.add(new Scenario(
                "request rejected at the destination, only its ENI logs",
                List.of(Capture.request(false, Action.REJECT)),
                all(Verdict.REJECTED_INBOUND),
                per(Side.SERVER, Side.UNKNOWN, Side.SERVER)));
        s.add(new Scenario(
                "request accepted leaving the source, rejected arriving",
                List.of(Capture.request(true, Action.ACCEPT), Capture.request(false, Action.REJECT)),
                // without any address the rejecting ENI cannot be placed: nothing came back
                per(Verdict.REJECTED_INBOUND, Verdict.NO_RESPONSE, Verdict.REJECTED_INBOUND),
                per(Side.SERVER, Side.UNKNOWN, Side.SERVER)));
        s.add(new Scenario(
                "request rejected leaving the source",
                List.of(Capture.request(true, Action.REJECT)),
                // without any address a rejected request is assumed to be rejected inbound (and says so)
                per(Verdict.REJECTED_EGRESS, Verdict.REJECTED_INBOUND, Verdict.REJECTED_EGRESS),
                per(Side.CLIENT, Side.UNKNOWN, Side.CLIENT)));
        s.add(new Scenario(
                "reply rejected leaving the destination (network ACL outbound)",
                delivered(Capture.reply(false, Action.REJECT)),
                all(Verdict.REJECTED_RESPONSE),
                per(Side.SERVER, Side.UNKNOWN, Side.SERVER)));
        s.add(new Scenario(
                "reply accepted leaving the destination, rejected arriving at the source",
                delivered(Capture.reply(false, Action.ACCEPT), Capture.reply(true, Action.REJECT)),
                per(Verdict.REJECTED_RESPONSE, Verdict.ESTABLISHED, Verdict.REJECTED_RESPONSE),
                per(Side.CLIENT, Side.UNKNOWN, Side.CLIENT)));
        s.add(new Scenario(
                "only the rejected reply was captured",
                List.of(Capture.reply(false, Action.REJECT)),
                all(Verdict.REJECTED_RESPONSE),
                per(Side.SERVER, Side.UNKNOWN, Side.SERVER)));
        s.add(new Scenario(
                "only the accepted reply was captured",
                List.of(Capture.reply(true, Action.ACCEPT)),
                all(Verdict.ESTABLISHED),
                all(Side.UNKNOWN)));
        s.add(new Scenario(
                "request accepted, nothing came back", delivered(), all(Verdict.NO_RESPONSE), all(Side.UNKNOWN)));
        s.add(new Scenario(
                "destination answered with RST",
                delivered(
                        Capture.reply(false, Action.ACCEPT).withFlags(TcpFlags.RST),
                        Capture.reply(true, Action.ACCEPT).withFlags(TcpFlags.RST)),
                // a reset is only visible through tcp-flags: without them the accepted reply reads as established
                per(Verdict.ESTABLISHED, Verdict.ESTABLISHED, Verdict.RESET),
                per(Side.UNKNOWN, Side.UNKNOWN, Side.SERVER)));
        s.add(new Scenario(
                "RST after a SYN-ACK is a connection that was established, then closed",
                List.of(
                        Capture.request(true, Action.ACCEPT),
                        Capture.reply(true, Action.ACCEPT).withFlags(TcpFlags.SYN_ACK | TcpFlags.RST)),
                all(Verdict.ESTABLISHED),
                all(Side.UNKNOWN)));
        return s;
    }

    /** The request accepted leaving the client and arriving at the server, then {@code replies}. */
    static List<Capture> delivered(Capture... replies) {
        List<Capture> captures = new ArrayList<>();
        captures.add(Capture.request(true, Action.ACCEPT));
        captures.add(Capture.request(false, Action.ACCEPT));
        captures.addAll(List.of(replies));
        return captures;
    }

    static <T> Map<Capability, T> all(T value) {
        return per(value, value, value);
    }

    /** One value per capability: v2 with addresses, v2 without any, v5. */
    static <T> Map<Capability, T> per(T v2, T v2Unplaced, T v5) {
        return Map.of(Capability.V2, v2, Capability.V2_UNPLACED, v2Unplaced, Capability.V5, v5);
    }

    static VerdictRules rules(Capability capability) {
        Map<String, String> addresses =
                capability == Capability.V2 ? Map.of("eni-client", CLIENT, "eni-server", SERVER) : Map.of();
        return new VerdictRules(new SideLocator(addresses::get));
    }

    static Conversation conversation(Capability capability, List<Capture> captures) {
        List<Flow> requests = new ArrayList<>();
        List<Flow> replies = new ArrayList<>();
        long line = 1;
        for (Capture c : captures) {
            (c.request() ? requests : replies).add(c.flow(capability, line++));
        }
        return new Conversation(
                ConversationKey.of(6, CLIENT_END, SERVER_END), CLIENT_END, SERVER_END, requests, replies, "test");
    }

    @Test
    void everyScenarioInEveryFormat() {
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        for (Scenario s : scenarios()) {
            for (Capability capability : Capability.values()) {
                Judgement j = rules(capability).judge(conversation(capability, s.captures()));
                String as = s.name() + " in " + capability + ": " + j.reason();
                assertThat(j.verdict()).as(as).isEqualTo(s.verdicts().get(capability));
                assertThat(j.capturedAt()).as(as).isEqualTo(s.sides().get(capability));
                assertThat(j.reason()).as(as).isNotBlank();
                seen.add(j.verdict());
            }
        }
        // a new verdict needs a scenario here: every verdict a conversation can have is reached
        assertThat(seen).isEqualTo(EnumSet.complementOf(EnumSet.of(Verdict.NOT_OBSERVED)));
    }

    @Test
    void aRejectionWithoutAPlacedEniSaysItIsAssumed() {
        Judgement j = rules(Capability.V2_UNPLACED)
                .judge(conversation(Capability.V2_UNPLACED, List.of(Capture.request(true, Action.REJECT))));
        assertThat(j.reason()).contains("assumed");
        Judgement placed =
                rules(Capability.V5).judge(conversation(Capability.V5, List.of(Capture.request(false, Action.REJECT))));
        assertThat(placed.reason()).doesNotContain("assumed");
    }

    @Test
    void dataThresholdIsPerPacket() {
        long p = 10;
        Capture atThreshold =
                Capture.request(true, Action.ACCEPT).withTraffic(p, p * VerdictRules.DATA_BYTES_PER_PACKET);
        Capture above = Capture.request(true, Action.ACCEPT).withTraffic(p, p * VerdictRules.DATA_BYTES_PER_PACKET + p);
        for (Capability c : Capability.values()) {
            assertThat(rules(c).judge(conversation(c, List.of(atThreshold))).verdict())
                    .as(c.name())
                    .isEqualTo(Verdict.NO_RESPONSE);
            assertThat(rules(c).judge(conversation(c, List.of(above))).verdict())
                    .as(c.name())
                    .isEqualTo(Verdict.ESTABLISHED);
        }
    }

    @Test
    void udpWithoutReplyIsNoResponseWhateverItCarried() {
        Flow big = new Flow(
                "f.log",
                1,
                "eni-client",
                CLIENT,
                SERVER,
                null,
                null,
                40000,
                53,
                17,
                10,
                15_000,
                1000,
                1060,
                Action.ACCEPT,
                null,
                null);
        Endpoint c = new Endpoint(CLIENT, 40000);
        Endpoint s = new Endpoint(SERVER, 53);
        Conversation conv = new Conversation(ConversationKey.of(17, c, s), c, s, List.of(big), List.of(), "test");
        assertThat(rules(Capability.V2).judge(conv).verdict()).isEqualTo(Verdict.NO_RESPONSE);
    }
}
