package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.Pairing;
import dev.flowlens.core.conversation.RoleResolver;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.NetworkInterface;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleEvaluator;
import dev.flowlens.core.rules.RuleFinding;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the candidate flows of a {@link DiagnosisRequest} into a {@link Diagnosis}: pairs them into
 * conversations, judges each attempt, groups attempts that behave differently, explains coverage
 * gaps, and, with a configuration, names the rule responsible.
 */
public final class Diagnoser {
    /** Flow logs reach S3 about 10 minutes after the capture window (CloudWatch about 5). */
    public static final long DELIVERY_LAG_SECONDS = 15 * 60;

    static final int EVIDENCE_PER_GROUP = 12;
    static final int MAX_CLIENTS_LISTED = 5;

    private final NetworkConfig config;
    private final Clock clock;

    public Diagnoser(NetworkConfig config, Clock clock) {
        this.config = config == null ? NetworkConfig.EMPTY : config;
        this.clock = clock;
    }

    /**
     * @param candidates OK records in either direction between the request's ends (more is fine:
     *     conversations that do not match the request are dropped)
     * @param enis coverage of the ENIs that logged either end
     * @param newestRecordEnd end of the newest record in the workspace, or null
     * @param learned ENI addresses learned from the records (the configuration's take precedence)
     */
    public Diagnosis diagnose(
            DiagnosisRequest request,
            List<Flow> candidates,
            List<EniCoverage> enis,
            Long newestRecordEnd,
            EniAddresses learned) {
        Map<String, String> configured = config.primaryAddresses();
        EniAddresses addresses = eni -> {
            String a = configured.get(eni);
            return a != null ? a : learned.addressOf(eni);
        };
        VerdictRules rules = new VerdictRules(new SideLocator(addresses));
        Pairing pairing = new Pairing(new RoleResolver(peerCounts(candidates)));
        List<Attempt> attempts = new ArrayList<>();
        for (Conversation c : pairing.pair(candidates, key -> request.serverOf(key.low(), key.high()))) {
            if (request.matches(c.client(), c.server(), c.protocol())) {
                attempts.add(new Attempt(c, rules.judge(c)));
            }
        }
        List<AttemptGroup> groups = group(attempts);
        Coverage coverage = coverage(request, enis, newestRecordEnd, attempts.isEmpty(), ends(request, attempts));
        Verdict verdict = Verdict.NOT_OBSERVED;
        AttemptGroup current = null;
        for (AttemptGroup g : groups) {
            if (current == null
                    || g.ended() > current.ended()
                    || (g.ended() == current.ended() && g.started() > current.started())) {
                current = g;
            }
        }
        if (current != null) {
            verdict = current.verdict();
        }
        PathEvaluation path = evaluateRules(request, attempts, verdict);
        List<String> causes = causes(request, verdict, attempts, coverage, path);
        String summary = summary(request, verdict, groups, attempts, coverage, path);
        return new Diagnosis(verdict, summary, groups, attempts, evidence(attempts, groups), coverage, causes, path);
    }

    private static PeerCountsImpl peerCounts(List<Flow> flows) {
        Map<Endpoint, Set<Endpoint>> peers = new HashMap<>();
        for (Flow f : flows) {
            peers.computeIfAbsent(f.sourceEndpoint(), k -> new HashSet<>()).add(f.destinationEndpoint());
            peers.computeIfAbsent(f.destinationEndpoint(), k -> new HashSet<>()).add(f.sourceEndpoint());
        }
        return new PeerCountsImpl(peers);
    }

    private record PeerCountsImpl(Map<Endpoint, Set<Endpoint>> peers)
            implements dev.flowlens.core.conversation.PeerCounts {
        @Override
        public int peers(Endpoint endpoint) {
            Set<Endpoint> s = peers.get(endpoint);
            return s == null ? 0 : s.size();
        }
    }

    static List<AttemptGroup> group(List<Attempt> attempts) {
        Map<Verdict, List<Attempt>> by = new EnumMap<>(Verdict.class);
        for (Attempt a : attempts) {
            by.computeIfAbsent(a.verdict(), k -> new ArrayList<>()).add(a);
        }
        List<AttemptGroup> groups = new ArrayList<>();
        for (Map.Entry<Verdict, List<Attempt>> e : by.entrySet()) {
            long started = Long.MAX_VALUE;
            long ended = Long.MIN_VALUE;
            Set<String> clients = new TreeSet<>();
            Set<String> enis = new TreeSet<>();
            for (Attempt a : e.getValue()) {
                started = Math.min(started, a.conversation().first());
                ended = Math.max(ended, a.conversation().last());
                clients.add(a.conversation().client().address());
                enis.addAll(a.conversation().enis());
            }
            groups.add(new AttemptGroup(
                    e.getKey(),
                    e.getValue().size(),
                    started,
                    ended,
                    clients.stream().limit(MAX_CLIENTS_LISTED).toList(),
                    List.copyOf(enis),
                    e.getValue().get(0).judgement().reason()));
        }
        groups.sort(Comparator.comparingLong(AttemptGroup::started).thenComparing(AttemptGroup::verdict));
        return groups;
    }

    private static List<Flow> evidence(List<Attempt> attempts, List<AttemptGroup> groups) {
        List<Flow> out = new ArrayList<>();
        for (AttemptGroup g : groups) {
            // the most recent attempts of each behaviour
            List<Attempt> of = attempts.stream()
                    .filter(a -> a.verdict() == g.verdict())
                    .sorted(Comparator.comparingLong(
                                    (Attempt a) -> a.conversation().last())
                            .reversed())
                    .toList();
            int n = 0;
            for (Attempt a : of) {
                for (Flow f : a.conversation().flows()) {
                    if (n++ < EVIDENCE_PER_GROUP) {
                        out.add(f);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Flow::start).thenComparing(Flow::path).thenComparingLong(Flow::line));
        return out;
    }

    /**
     * What the flow log descriptions say of the ends: the destination (--dst, or the servers of the
     * attempts) and the source (--src, or the clients); empty when the flow logs were not described.
     */
    private List<EndFlowLogs> ends(DiagnosisRequest request, List<Attempt> attempts) {
        if (!config.flowLogsKnown()) {
            return List.of();
        }
        Set<String> servers = new LinkedHashSet<>();
        Set<String> clients = new LinkedHashSet<>();
        if (request.dst().isSingleAddress()) {
            servers.add(request.dst().networkAddress());
        }
        if (request.src() != null && request.src().isSingleAddress()) {
            clients.add(request.src().networkAddress());
        }
        for (Attempt a : attempts) {
            if (!request.dst().isSingleAddress() && servers.size() < MAX_CLIENTS_LISTED) {
                servers.add(a.conversation().server().address());
            }
            if ((request.src() == null || !request.src().isSingleAddress()) && clients.size() < MAX_CLIENTS_LISTED) {
                clients.add(a.conversation().client().address());
            }
        }
        List<EndFlowLogs> out = new ArrayList<>();
        for (String s : clients) {
            out.add(end("source", s));
        }
        for (String s : servers) {
            out.add(end("destination", s));
        }
        return out;
    }

    private EndFlowLogs end(String role, String address) {
        NetworkInterface n = config.interfaceOf(address);
        if (n == null) {
            return new EndFlowLogs(role, address, null, null, null, List.of());
        }
        return new EndFlowLogs(role, address, n.eniId(), n.subnetId(), n.vpcId(), config.flowLogsOf(n));
    }

    private Coverage coverage(
            DiagnosisRequest request,
            List<EniCoverage> enis,
            Long newest,
            boolean nothingSeen,
            List<EndFlowLogs> ends) {
        List<String> notes = new ArrayList<>();
        // ENIs whose flow logs are known: the facts replace the guesses from the records
        Set<String> described = new HashSet<>();
        for (EndFlowLogs e : ends) {
            if (e.known()) {
                described.add(e.eni());
            }
        }
        List<String> acceptOnly = new ArrayList<>();
        List<String> rejectOnly = new ArrayList<>();
        long noData = 0;
        long skipData = 0;
        for (EniCoverage e : enis) {
            noData += e.noDataInWindow();
            skipData += e.skipDataInWindow();
            if (described.contains(e.eni())) {
                continue;
            }
            if (e.accepted() > 0 && e.rejected() == 0) {
                acceptOnly.add(e.eni());
            } else if (e.rejected() > 0 && e.accepted() == 0) {
                rejectOnly.add(e.eni());
            }
        }
        String window = window(request.from(), request.to());
        if (enis.isEmpty()) {
            notes.add(
                    "no ENI in the workspace logged " + request.describe() + " " + window
                            + ": check that a flow log covers the ENIs (or subnet or VPC) of both ends and that its files were ingested");
        } else {
            notes.add(enis.size() + " ENI(s) logged traffic of either end " + window + ": "
                    + String.join(
                            ", ", enis.stream().map(EniCoverage::eni).limit(10).toList()));
        }
        for (EndFlowLogs e : ends) {
            notes.add(e.fact());
        }
        if (skipData > 0) {
            notes.add(
                    skipData + " SKIPDATA record(s) on these ENIs " + window
                            + ": AWS skipped records there (capacity or internal error); one SKIPDATA record can stand for many flows");
        }
        if (noData > 0) {
            notes.add(noData + " NODATA record(s) on these ENIs " + window
                    + ": those ENIs saw no traffic at all in those windows");
        }
        if (!acceptOnly.isEmpty()) {
            notes.add("only ACCEPT records were ever logged for " + String.join(", ", acceptOnly)
                    + ": if its flow log captures ACCEPT traffic only, rejected attempts are invisible there");
        }
        if (!rejectOnly.isEmpty()) {
            notes.add("only REJECT records were ever logged for " + String.join(", ", rejectOnly)
                    + ": if its flow log captures REJECT traffic only, accepted traffic is invisible there");
        }
        long now = clock.instant().getEpochSecond();
        if (newest != null) {
            long windowEnd = request.to() == null ? now : request.to();
            if (windowEnd > newest && now - newest < 7L * 24 * 3600 && (nothingSeen || windowEnd - newest > 60)) {
                notes.add("the newest record in the workspace ends at " + iso(newest)
                        + (now - newest < DELIVERY_LAG_SECONDS
                                ? "; flow logs arrive 5-10 minutes after the capture window, so later traffic may not be delivered yet"
                                : "; ingest newer files to see traffic after it"));
            }
        }
        return new Coverage(
                request.from(), request.to(), enis, noData, skipData, acceptOnly, rejectOnly, newest, notes, ends);
    }

    private PathEvaluation evaluateRules(DiagnosisRequest request, List<Attempt> attempts, Verdict verdict) {
        if (config.isEmpty()) {
            return null;
        }
        RuleEvaluator evaluator = new RuleEvaluator(config);
        Attempt latest = null;
        for (Attempt a : attempts) {
            if (a.verdict() == verdict
                    && (latest == null
                            || a.conversation().last() >= latest.conversation().last())) {
                latest = a;
            }
        }
        if (latest != null) {
            Conversation c = latest.conversation();
            return evaluator.evaluate(
                    c.protocol(),
                    c.client().address(),
                    c.client().port(),
                    c.server().address(),
                    c.server().port());
        }
        if (request.src() != null
                && request.src().isSingleAddress()
                && request.dst().isSingleAddress()) {
            int protocol = request.protocol() == null ? 6 : request.protocol();
            int port = request.port() == null ? 0 : request.port();
            PathEvaluation p = evaluator.evaluate(
                    protocol,
                    request.src().networkAddress(),
                    RoleResolver.EPHEMERAL_FROM,
                    request.dst().networkAddress(),
                    port);
            return p.withNote("no attempt was recorded: evaluated for client port " + RoleResolver.EPHEMERAL_FROM);
        }
        return null;
    }

    private static List<String> causes(
            DiagnosisRequest request, Verdict verdict, List<Attempt> attempts, Coverage coverage, PathEvaluation path) {
        Set<String> causes = new LinkedHashSet<>();
        if (path != null && path.blocking() != null) {
            causes.add(path.blocking().text());
        }
        String traffic = traffic(request, attempts);
        causes.addAll(
                switch (verdict) {
                    case ESTABLISHED ->
                        List.of(
                                "the network delivered the request and the reply: look at the application (its logs, latency, errors)",
                                "if clients still fail, check DNS (do they reach this address?) and TLS or application-level errors");
                    case REJECTED_INBOUND ->
                        List.of(
                                "the destination's security group has no inbound rule allowing " + traffic
                                        + " from the source",
                                "the network ACL of the destination's subnet denies " + traffic
                                        + " inbound from the source");
                    case REJECTED_RESPONSE -> rejectedResponseCauses(attempts);
                    case REJECTED_EGRESS ->
                        List.of(
                                "the source's security group has no outbound rule allowing " + traffic
                                        + " to the destination",
                                "the network ACL of the source's subnet denies " + traffic
                                        + " outbound to the destination");
                    case NO_RESPONSE ->
                        List.of(
                                "nothing listens on the destination port, or the service is down or overloaded",
                                "a host firewall (iptables, nftables, Windows Firewall) on the destination drops the request silently",
                                "the destination's reply takes another route (asymmetric routing) or leaves through an ENI without a flow log",
                                "the destination host is stopped or unreachable behind the ENI");
                    case RESET ->
                        List.of(
                                "no process listens on the destination port: the host answered with RST",
                                "a host firewall or the application rejects the connection with a TCP reset");
                    case NOT_OBSERVED -> notObservedCauses(coverage);
                });
        if (verdict == Verdict.NOT_OBSERVED || verdict == Verdict.NO_RESPONSE) {
            // the verdict rests on records that are missing: the ends whose flow logs cannot hold them come first
            List<String> facts = new ArrayList<>();
            for (EndFlowLogs e : coverage.partialEnds()) {
                facts.add(e.missing()
                        + (verdict == Verdict.NOT_OBSERVED
                                ? ": attempts there may have happened without a record"
                                : ": a reply there may have happened without a record"));
            }
            if (!facts.isEmpty()) {
                Set<String> ordered = new LinkedHashSet<>();
                if (path != null && path.blocking() != null) {
                    ordered.add(path.blocking().text());
                }
                ordered.addAll(facts);
                ordered.addAll(causes);
                causes = ordered;
            }
        }
        if (path != null) {
            String disagreement = disagreement(verdict, path);
            if (disagreement != null) {
                causes.add(disagreement);
            }
        }
        return List.copyOf(causes);
    }

    private static List<String> rejectedResponseCauses(List<Attempt> attempts) {
        Side at = attempts.stream()
                .filter(a -> a.verdict() == Verdict.REJECTED_RESPONSE)
                .map(a -> a.judgement().capturedAt())
                .filter(s -> s != Side.UNKNOWN)
                .findFirst()
                .orElse(Side.SERVER);
        String outbound =
                "the network ACL of the destination's subnet has no outbound rule allowing the reply to the client's ephemeral ports (1024-65535)";
        String inbound =
                "the network ACL of the source's subnet has no inbound rule allowing the reply to the client's ephemeral ports (1024-65535)";
        String stateless =
                "security groups are stateful and always allow the reply, so a network ACL (stateless) is the cause";
        return at == Side.CLIENT ? List.of(inbound, outbound, stateless) : List.of(outbound, inbound, stateless);
    }

    private static List<String> notObservedCauses(Coverage coverage) {
        List<String> causes = new ArrayList<>();
        causes.add(
                "the client never sent the traffic (wrong DNS answer, wrong address or port, or an error before connecting)");
        causes.add(
                "the traffic took another path (NAT gateway, load balancer, transit gateway) whose ENIs are not in the workspace");
        if (!coverage.acceptOnlyEnis().isEmpty()) {
            causes.add("the attempts were rejected but the flow log captures ACCEPT traffic only");
        }
        if (coverage.skipData() > 0) {
            causes.add("the records were skipped (SKIPDATA) by AWS");
        }
        causes.add("the flow logs of that window have not been delivered or ingested yet");
        return causes;
    }

    /** A sentence when the rules predict something else than the flows show, else null. */
    static String disagreement(Verdict observed, PathEvaluation path) {
        RuleFinding b = path.blocking();
        boolean observedBlocked = observed == Verdict.REJECTED_INBOUND
                || observed == Verdict.REJECTED_EGRESS
                || observed == Verdict.REJECTED_RESPONSE;
        if (b == null && observedBlocked && path.complete()) {
            return "the configuration and the flows disagree: every rule on the path allows the traffic, but the flows show "
                    + observed
                    + "; the rules may have changed since the records were captured, or a rule not in --config applies";
        }
        if (b != null
                && (observed == Verdict.ESTABLISHED || observed == Verdict.NO_RESPONSE || observed == Verdict.RESET)) {
            return "the configuration and the flows disagree: the configuration denies it (" + b.text()
                    + ") but the flows show " + observed
                    + "; the rules may have changed since the records were captured";
        }
        if (b != null && observedBlocked && predicted(b.step()) != observed) {
            return "the configuration blocks at "
                    + b.step().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " but the flows show "
                    + observed;
        }
        return null;
    }

    static Verdict predicted(RuleFinding.Step step) {
        return switch (step) {
            case SOURCE_SECURITY_GROUP_OUTBOUND, SOURCE_NETWORK_ACL_OUTBOUND -> Verdict.REJECTED_EGRESS;
            case DESTINATION_NETWORK_ACL_INBOUND, DESTINATION_SECURITY_GROUP_INBOUND -> Verdict.REJECTED_INBOUND;
            case DESTINATION_NETWORK_ACL_OUTBOUND_REPLY, SOURCE_NETWORK_ACL_INBOUND_REPLY -> Verdict.REJECTED_RESPONSE;
        };
    }

    private static String traffic(DiagnosisRequest request, List<Attempt> attempts) {
        Integer protocol = request.protocol();
        if (protocol == null && !attempts.isEmpty()) {
            protocol = attempts.get(0).conversation().protocol();
        }
        Integer port = request.port();
        if (port == null && !attempts.isEmpty()) {
            port = attempts.get(0).conversation().server().port();
        }
        String name = protocol == null ? "the traffic" : Protocols.name(protocol);
        return protocol != null && (protocol == 6 || protocol == 17) && port != null ? name + " " + port : name;
    }

    private static String summary(
            DiagnosisRequest request,
            Verdict verdict,
            List<AttemptGroup> groups,
            List<Attempt> attempts,
            Coverage coverage,
            PathEvaluation path) {
        StringBuilder b = new StringBuilder();
        b.append(request.describe()).append(": ").append(verdict).append(". ");
        if (verdict == Verdict.NOT_OBSERVED) {
            b.append("No flow log record matches ")
                    .append(window(request.from(), request.to()))
                    .append(". ");
            if (!coverage.notes().isEmpty()) {
                b.append(capitalize(coverage.notes().get(0))).append('.');
            }
            b.append(qualification(coverage));
            return b.toString().trim();
        }
        if (groups.size() > 1) {
            b.append("Attempts behaved differently: ");
            for (int i = 0; i < groups.size(); i++) {
                AttemptGroup g = groups.get(i);
                b.append(i == 0 ? "" : "; ")
                        .append(g.count())
                        .append(' ')
                        .append(g.verdict())
                        .append(" from ")
                        .append(iso(g.started()))
                        .append(" to ")
                        .append(iso(g.ended()));
            }
            b.append(". Most recent: ").append(verdict).append(". ");
        }
        AttemptGroup g =
                groups.stream().filter(x -> x.verdict() == verdict).findFirst().orElseThrow();
        b.append(g.count())
                .append(g.count() == 1 ? " attempt" : " attempts")
                .append(" (")
                .append(iso(g.started()))
                .append(" to ")
                .append(iso(g.ended()))
                .append(", seen on ")
                .append(String.join(", ", g.enis()))
                .append("): ");
        b.append(g.reason()).append('.');
        b.append(
                switch (verdict) {
                    case ESTABLISHED -> " The network is not blocking this traffic.";
                    case REJECTED_INBOUND ->
                        " A security group or network ACL inbound rule at the destination does not allow it.";
                    case REJECTED_RESPONSE ->
                        " Security groups allow replies, so a stateless network ACL is dropping them.";
                    case REJECTED_EGRESS ->
                        " The source's security group or network ACL outbound rules do not allow it.";
                    case NO_RESPONSE -> " The network delivered the request; the destination did not answer.";
                    case RESET -> " The network delivered the request; the destination refused the connection.";
                    case NOT_OBSERVED -> ""; // returned above: no attempt to describe
                });
        if (path != null && path.blocking() != null) {
            b.append(" Configuration: ").append(path.blocking().text()).append('.');
        }
        if (verdict == Verdict.NO_RESPONSE) {
            b.append(qualification(coverage));
        }
        return b.toString();
    }

    /** A sentence qualifying a verdict that rests on missing records, from the flow log facts; empty when none. */
    private static String qualification(Coverage coverage) {
        List<String> missing =
                coverage.partialEnds().stream().map(EndFlowLogs::missing).toList();
        if (missing.isEmpty()) {
            return "";
        }
        return " This rests on records that may not exist: " + String.join("; ", missing) + ".";
    }

    static String window(Long from, Long to) {
        if (from == null && to == null) {
            return "in the whole workspace";
        }
        return "between " + (from == null ? "the first record" : iso(from)) + " and "
                + (to == null ? "the last record" : iso(to));
    }

    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
