package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.TcpFlags;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.time.IsoTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One conversation as a row: the columns {@code flowlens conversations}, {@code flowlens spark
 * conversations} and {@code /api/conversations} share, named once.
 */
public final class ConversationColumns {
    /** The column names, in order. */
    public static final List<String> NAMES = List.of(
            "proto",
            "client",
            "server",
            "enis",
            "first",
            "last",
            "req_packets",
            "req_bytes",
            "reply_packets",
            "reply_bytes",
            "req_flags",
            "reply_flags",
            "verdict");

    private ConversationColumns() {}

    /** One row of {@link #values} per conversation, in order. */
    public static List<List<Object>> rows(List<ConversationRanking.Entry> conversations) {
        List<List<Object>> rows = new ArrayList<>(conversations.size());
        for (ConversationRanking.Entry c : conversations) {
            rows.add(values(c.attempt(), c.enis()));
        }
        return rows;
    }

    /** The values of {@link #NAMES} for {@code attempt}, seen on the interfaces {@code enis}. */
    public static List<Object> values(Attempt attempt, List<String> enis) {
        Conversation c = attempt.conversation();
        return Arrays.asList(
                Protocols.name(c.protocol()),
                c.client().toString(),
                c.server().toString(),
                String.join(" ", enis),
                IsoTime.iso(c.first()),
                IsoTime.iso(c.last()),
                Conversation.packets(c.requests()),
                Conversation.bytes(c.requests()),
                Conversation.packets(c.replies()),
                Conversation.bytes(c.replies()),
                TcpFlags.names(Conversation.flags(c.requests())),
                TcpFlags.names(Conversation.flags(c.replies())),
                attempt.verdict().name());
    }
}
