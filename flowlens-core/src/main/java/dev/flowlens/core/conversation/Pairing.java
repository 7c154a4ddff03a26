package dev.flowlens.core.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs flows into conversations: flows with the same {@link ConversationKey} whose capture windows
 * overlap, or follow each other within {@code gapSeconds} (consecutive windows), belong to one
 * conversation, whichever ENI captured them. Windows need not be identical: a reply often starts
 * later than its request.
 */
public final class Pairing {
    /** The longest aggregation interval: a conversation idle for longer starts a new one. */
    public static final long DEFAULT_GAP_SECONDS = 600;

    private final RoleResolver roles;
    private final long gapSeconds;

    public Pairing(RoleResolver roles, long gapSeconds) {
        if (gapSeconds < 0) {
            throw new IllegalArgumentException("gapSeconds " + gapSeconds);
        }
        this.roles = roles;
        this.gapSeconds = gapSeconds;
    }

    public Pairing(RoleResolver roles) {
        this(roles, DEFAULT_GAP_SECONDS);
    }

    /** Conversations of the flows, ordered by first seen. */
    public List<Conversation> pair(List<Flow> flows) {
        return pair(flows, key -> null);
    }

    /**
     * @param serverHint for a key, the endpoint known to be the server, or null
     */
    public List<Conversation> pair(List<Flow> flows, Function<ConversationKey, Endpoint> serverHint) {
        Map<ConversationKey, List<Flow>> byKey = new LinkedHashMap<>();
        for (Flow f : flows) {
            byKey.computeIfAbsent(ConversationKey.of(f), k -> new ArrayList<>()).add(f);
        }
        List<Conversation> out = new ArrayList<>();
        for (Map.Entry<ConversationKey, List<Flow>> e : byKey.entrySet()) {
            List<Flow> group = e.getValue();
            group.sort(Comparator.comparingLong(Flow::start).thenComparingLong(Flow::end));
            List<Flow> session = new ArrayList<>();
            long sessionEnd = Long.MIN_VALUE;
            for (Flow f : group) {
                if (!session.isEmpty() && f.start() > sessionEnd + gapSeconds) {
                    out.add(build(e.getKey(), session, serverHint.apply(e.getKey())));
                    session = new ArrayList<>();
                    sessionEnd = Long.MIN_VALUE;
                }
                session.add(f);
                sessionEnd = Math.max(sessionEnd, f.end());
            }
            out.add(build(e.getKey(), session, serverHint.apply(e.getKey())));
        }
        out.sort(Comparator.comparingLong(Conversation::first)
                .thenComparing(c -> c.client().toString()));
        return out;
    }

    private Conversation build(ConversationKey key, List<Flow> flows, Endpoint hint) {
        RoleResolver.Roles r = roles.resolve(key, flows, hint);
        List<Flow> requests = new ArrayList<>();
        List<Flow> replies = new ArrayList<>();
        for (Flow f : flows) {
            if (f.sourceEndpoint().equals(r.client())) {
                requests.add(f);
            } else {
                replies.add(f);
            }
        }
        return new Conversation(key, r.client(), r.server(), requests, replies, r.reason());
    }
}
