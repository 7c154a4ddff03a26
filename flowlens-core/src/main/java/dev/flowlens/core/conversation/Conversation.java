package dev.flowlens.core.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The flows of one connection (or one exchange, for protocols without ports), split into the
 * client's requests and the server's replies. The flows may come from several capture windows and
 * from the ENIs at both ends.
 *
 * @param key the canonical key
 * @param client the endpoint that opened the conversation
 * @param server the endpoint it reached (or tried to)
 * @param requests flows from client to server, by start time
 * @param replies flows from server to client, by start time
 * @param roleReason how client and server were told apart (for the explanation)
 */
public record Conversation(
        ConversationKey key,
        Endpoint client,
        Endpoint server,
        List<Flow> requests,
        List<Flow> replies,
        String roleReason) {

    public Conversation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        requests = List.copyOf(requests);
        replies = List.copyOf(replies);
        if (requests.isEmpty() && replies.isEmpty()) {
            throw new IllegalArgumentException("a conversation has at least one flow");
        }
    }

    public int protocol() {
        return key.protocol();
    }

    /** All flows, requests first. */
    public List<Flow> flows() {
        List<Flow> all = new ArrayList<>(requests);
        all.addAll(replies);
        return all;
    }

    public long first() {
        long m = Long.MAX_VALUE;
        for (Flow f : flows()) {
            m = Math.min(m, f.start());
        }
        return m;
    }

    public long last() {
        long m = Long.MIN_VALUE;
        for (Flow f : flows()) {
            m = Math.max(m, f.end());
        }
        return m;
    }

    /** The interfaces that captured any of the flows, sorted. */
    public List<String> enis() {
        TreeSet<String> s = new TreeSet<>();
        for (Flow f : flows()) {
            if (f.eni() != null) {
                s.add(f.eni());
            }
        }
        return List.copyOf(s);
    }

    public static long packets(List<Flow> flows) {
        long n = 0;
        for (Flow f : flows) {
            n += f.packets();
        }
        return n;
    }

    public static long bytes(List<Flow> flows) {
        long n = 0;
        for (Flow f : flows) {
            n += f.bytes();
        }
        return n;
    }

    /** OR of the tcp-flags of the flows, or null when none logged them. */
    public static Integer flags(List<Flow> flows) {
        Integer or = null;
        for (Flow f : flows) {
            if (f.tcpFlags() != null) {
                or = (or == null ? 0 : or) | f.tcpFlags();
            }
        }
        return or;
    }

    public static boolean any(List<Flow> flows, Action action) {
        for (Flow f : flows) {
            if (f.action() == action) {
                return true;
            }
        }
        return false;
    }
}
