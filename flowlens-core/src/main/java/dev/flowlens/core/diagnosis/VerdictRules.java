package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.TcpFlags;
import java.util.List;

/**
 * Decides the verdict of one conversation from its records, following how AWS logs traffic: the
 * request is judged where it was captured (leaving the client's ENI or arriving at the server's),
 * then the reply; tcp-flags show a reset; a TCP request that carried data was answered even when the
 * reply was not captured.
 */
public final class VerdictRules {
    /**
     * Average bytes per packet above which a TCP request carried payload: a bare SYN is 40-60 bytes
     * over IPv4 and 60-80 over IPv6; data is only sent once the handshake completed.
     */
    public static final long DATA_BYTES_PER_PACKET = 100;

    private final SideLocator locator;

    public VerdictRules(SideLocator locator) {
        this.locator = locator;
    }

    public Judgement judge(Conversation c) {
        SideLocator.ConversationSides sides = locator.locate(c);
        List<Flow> req = c.requests();
        List<Flow> rep = c.replies();
        if (req.isEmpty()) {
            if (Conversation.any(rep, Action.ACCEPT)) {
                return new Judgement(
                        Verdict.ESTABLISHED, "only the reply direction was captured and it was accepted", Side.UNKNOWN);
            }
            return new Judgement(
                    Verdict.REJECTED_RESPONSE,
                    "only the reply direction was captured and it was rejected",
                    sideOf(sides, rep, Action.REJECT, false));
        }
        boolean reqAccepted = Conversation.any(req, Action.ACCEPT);
        if (!reqAccepted) {
            Side at = sideOf(sides, req, Action.REJECT, true);
            if (at == Side.CLIENT) {
                return new Judgement(Verdict.REJECTED_EGRESS, "the request was rejected leaving the source", at);
            }
            return new Judgement(
                    Verdict.REJECTED_INBOUND,
                    "the request was rejected arriving at the destination"
                            + (at == Side.UNKNOWN ? " (assumed: the records do not say which ENI captured them)" : ""),
                    at);
        }
        if (has(sides, req, Action.REJECT, Side.SERVER, true) && !has(sides, req, Action.ACCEPT, Side.SERVER, true)) {
            return new Judgement(
                    Verdict.REJECTED_INBOUND,
                    "the request was accepted leaving the source but rejected arriving at the destination",
                    Side.SERVER);
        }
        if (!rep.isEmpty()) {
            Integer replyFlags = Conversation.flags(rep);
            if (c.protocol() == 6
                    && replyFlags != null
                    && TcpFlags.isRst(replyFlags)
                    && !TcpFlags.isSynAck(replyFlags)
                    && Conversation.any(rep, Action.ACCEPT)) {
                return new Judgement(Verdict.RESET, "the destination answered the request with RST", Side.SERVER);
            }
            if (!Conversation.any(rep, Action.ACCEPT)) {
                return new Judgement(
                        Verdict.REJECTED_RESPONSE,
                        "the request was accepted but the reply was rejected",
                        sideOf(sides, rep, Action.REJECT, false));
            }
            if (has(sides, rep, Action.REJECT, Side.CLIENT, false)
                    && !has(sides, rep, Action.ACCEPT, Side.CLIENT, false)) {
                return new Judgement(
                        Verdict.REJECTED_RESPONSE,
                        "the reply was accepted leaving the destination but rejected arriving at the source",
                        Side.CLIENT);
            }
            return new Judgement(Verdict.ESTABLISHED, "the request and the reply were both accepted", Side.UNKNOWN);
        }
        if (c.protocol() == 6) {
            long packets = Conversation.packets(req);
            long bytes = Conversation.bytes(req);
            if (packets > 0 && bytes / packets > DATA_BYTES_PER_PACKET) {
                return new Judgement(
                        Verdict.ESTABLISHED,
                        "the request was accepted and carried data (" + bytes / packets
                                + " bytes per packet), which TCP sends only after the handshake; the reply was not captured",
                        Side.UNKNOWN);
            }
        }
        return new Judgement(Verdict.NO_RESPONSE, "the request was accepted and nothing came back", Side.UNKNOWN);
    }

    private static Side sideOf(SideLocator.ConversationSides sides, List<Flow> flows, Action action, boolean request) {
        Side found = Side.UNKNOWN;
        for (Flow f : flows) {
            if (f.action() == action) {
                Side s = sides.side(f, request);
                if (s != Side.UNKNOWN) {
                    return s;
                }
            }
        }
        return found;
    }

    private static boolean has(
            SideLocator.ConversationSides sides, List<Flow> flows, Action action, Side side, boolean request) {
        for (Flow f : flows) {
            if (f.action() == action && sides.side(f, request) == side) {
                return true;
            }
        }
        return false;
    }
}
