package dev.flowlens.web.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.TcpFlags;
import dev.flowlens.core.diagnosis.Attempt;
import dev.flowlens.core.net.Protocols;
import java.util.List;

/**
 * One conversation as {@code flowlens conversations --output json} prints it (the same column names),
 * with the client and server split into address and port so a page can open its diagnosis.
 */
@JsonPropertyOrder({
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
    "verdict",
    "client_address",
    "server_address",
    "server_port",
    "protocol"
})
public record ConversationView(
        String proto,
        String client,
        String server,
        String enis,
        String first,
        String last,
        @JsonProperty("req_packets") long reqPackets,
        @JsonProperty("req_bytes") long reqBytes,
        @JsonProperty("reply_packets") long replyPackets,
        @JsonProperty("reply_bytes") long replyBytes,
        @JsonProperty("req_flags") String reqFlags,
        @JsonProperty("reply_flags") String replyFlags,
        String verdict,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("server_address") String serverAddress,
        @JsonProperty("server_port") int serverPort,
        int protocol) {

    public static ConversationView of(Attempt attempt, List<String> enis) {
        Conversation c = attempt.conversation();
        return new ConversationView(
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
                attempt.verdict().name(),
                c.client().address(),
                c.server().address(),
                c.server().port(),
                c.protocol());
    }
}
