package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.RoleResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code conversations} does after an engine has grouped the records: the engine adds one
 * aggregate per conversation key, direction, action and flow direction ({@link #add}); this ranks
 * the keys busiest first, decides client and server and judges each conversation with the rules of
 * {@code diagnose}. Every engine (DuckDB, Spark) hands its groups here, so their answers agree.
 */
public final class ConversationRanking {
    /** One conversation with the interfaces that saw it and its record count. */
    public record Entry(Attempt attempt, List<String> enis, long records) {}

    private final Map<ConversationKey, List<Flow>> flows = new LinkedHashMap<>();
    private final Map<ConversationKey, TreeSet<String>> enis = new LinkedHashMap<>();
    private final Map<ConversationKey, Long> records = new LinkedHashMap<>();
    private final Map<ConversationKey, Long> totals = new HashMap<>();

    /**
     * One group's aggregate: endpoints {@code a} and {@code b} of a key, {@code forward} when the
     * records went from {@code a} to {@code b}; the ENIs that saw them, in order.
     */
    public void add(
            int protocol,
            Endpoint a,
            Endpoint b,
            boolean forward,
            List<String> seen,
            String action,
            String flowDirection,
            long first,
            long last,
            long packets,
            long bytes,
            Integer flags,
            long recordCount) {
        ConversationKey key = ConversationKey.of(protocol, a, b);
        Endpoint src = forward ? a : b;
        Endpoint dst = forward ? b : a;
        // one aggregate per direction, action and flow-direction stands in for its records
        flows.computeIfAbsent(key, x -> new ArrayList<>())
                .add(new Flow(
                        "-",
                        0,
                        seen.isEmpty() ? null : seen.get(0),
                        src.address(),
                        dst.address(),
                        null,
                        null,
                        src.port(),
                        dst.port(),
                        protocol,
                        packets,
                        bytes,
                        first,
                        last,
                        Action.parse(action),
                        flags,
                        flowDirection));
        enis.computeIfAbsent(key, x -> new TreeSet<>()).addAll(seen);
        records.merge(key, recordCount, Long::sum);
        totals.merge(key, bytes, Long::sum);
    }

    /** The keys, busiest first; equal totals in key order (addresses compare as text). */
    public List<ConversationKey> ranked() {
        List<ConversationKey> ranked = new ArrayList<>(flows.keySet());
        ranked.sort(Comparator.<ConversationKey>comparingLong(totals::get)
                .reversed()
                .thenComparing(k -> k.low().address())
                .thenComparingInt(k -> k.low().port())
                .thenComparing(k -> k.high().address())
                .thenComparingInt(k -> k.high().port())
                .thenComparingInt(ConversationKey::protocol));
        return ranked;
    }

    /** The bytes of a key, both ways. */
    public long total(ConversationKey key) {
        return totals.get(key);
    }

    /** The {@code limit} busiest conversations, judged. */
    public List<Entry> top(int limit) {
        List<ConversationKey> ranked = ranked();
        Map<ConversationKey, List<Flow>> kept = new LinkedHashMap<>();
        for (ConversationKey k : ranked.subList(0, Math.min(limit, ranked.size()))) {
            kept.put(k, flows.get(k));
        }
        // the listening port: an endpoint that many of these conversations reach
        Map<Endpoint, Integer> peers = new HashMap<>();
        for (ConversationKey k : kept.keySet()) {
            peers.merge(k.low(), 1, Integer::sum);
            peers.merge(k.high(), 1, Integer::sum);
        }
        RoleResolver roles = new RoleResolver(endpoint -> peers.getOrDefault(endpoint, 0));
        VerdictRules verdicts = new VerdictRules(new SideLocator(EniAddresses.NONE));
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<ConversationKey, List<Flow>> e : kept.entrySet()) {
            RoleResolver.Roles r = roles.resolve(e.getKey(), e.getValue(), null);
            List<Flow> req = new ArrayList<>();
            List<Flow> rep = new ArrayList<>();
            for (Flow f : e.getValue()) {
                (f.sourceEndpoint().equals(r.client()) ? req : rep).add(f);
            }
            Conversation c = new Conversation(e.getKey(), r.client(), r.server(), req, rep, r.reason());
            out.add(new Entry(
                    new Attempt(c, verdicts.judge(c)), List.copyOf(enis.get(e.getKey())), records.get(e.getKey())));
        }
        return out;
    }
}
