package dev.flowlens.web;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.core.time.TimeParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The query parameters of one API request, read into typed values. Every value that cannot be used,
 * every parameter the endpoint does not know and every repeated one is a {@link BadParameter} naming
 * it, answered with 400.
 */
final class Params {
    /** The parameters of the structured filter, as {@code flowlens search} has them. */
    static final Set<String> FILTER = Set.of(
            "eni", "from", "to", "ip", "src", "dst", "port", "srcport", "dstport", "protocol", "action", "status");

    static final int MAX_TEXT = 20_000;

    private final Map<String, List<String>> values;
    private final Clock clock;

    Params(Map<String, List<String>> values, Set<String> allowed, Clock clock) {
        this.values = values;
        this.clock = clock;
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (e.getKey().equals(WebServer.TOKEN_PARAM)) {
                continue;
            }
            if (!allowed.contains(e.getKey())) {
                unknown.add(e.getKey());
            } else if (e.getValue().size() > 1) {
                throw new BadParameter(
                        e.getKey(),
                        "parameter '" + e.getKey() + "' is given "
                                + e.getValue().size() + " times: give it once");
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.first();
            throw new BadParameter(
                    first,
                    "unknown parameter '" + first + "': this endpoint takes "
                            + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /** The text of a parameter, or null when absent or blank. */
    String text(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null;
        }
        String s = v.get(0);
        if (s.length() > MAX_TEXT) {
            throw new BadParameter(name, "parameter '" + name + "' is longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    String required(String name) {
        String s = text(name);
        if (s == null) {
            throw new BadParameter(name, "parameter '" + name + "' is required");
        }
        return s;
    }

    int integer(String name, int fallback, int min, int max) {
        String s = text(name);
        if (s == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameter(
                name,
                "parameter '" + name + "' must be a whole number from " + min + " to " + max + ", not '" + s + "'");
    }

    /**
     * The parameter read by {@code parser} (which refuses bad text with a {@link FlowlensException},
     * reported as this parameter's), or null when absent.
     */
    private <T> T parsed(String name, Function<String, T> parser) {
        String s = text(name);
        if (s == null) {
            return null;
        }
        try {
            return parser.apply(s.trim());
        } catch (FlowlensException e) {
            throw new BadParameter(name, "parameter '" + name + "': " + e.getMessage());
        }
    }

    Long time(String name) {
        return parsed(name, s -> new TimeParser(clock).parseEpochSeconds(s, name));
    }

    Cidr cidr(String name) {
        return parsed(name, Cidr::parse);
    }

    Integer port(String name) {
        return text(name) == null ? null : integer(name, 0, 0, 65535);
    }

    Integer protocol(String name) {
        return parsed(name, Protocols::parse);
    }

    /** One of {@code choices} (case-insensitive), upper-cased, or null. */
    String choice(String name, List<String> choices) {
        String s = text(name);
        if (s == null) {
            return null;
        }
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (!choices.contains(u)) {
            throw new BadParameter(
                    name,
                    "parameter '" + name + "' must be one of "
                            + String.join(", ", choices).toLowerCase(Locale.ROOT) + ", not '" + s + "'");
        }
        return u;
    }

    /** The time window; {@code from} after {@code to} names {@code from}. */
    long[] window() {
        Long from = time("from");
        Long to = time("to");
        if (from != null && to != null && from > to) {
            throw new BadParameter("from", "parameter 'from' is after 'to'");
        }
        return new long[] {from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to};
    }

    /** The structured filter of {@link #FILTER}. */
    FlowFilter filter() {
        List<String> enis = new ArrayList<>();
        String e = text("eni");
        if (e != null) {
            for (String part : e.split(",")) {
                String t = part.trim();
                if (t.isEmpty()) {
                    throw new BadParameter(
                            "eni", "parameter 'eni' has an empty interface id: give ids separated by commas");
                }
                enis.add(t);
            }
        }
        Long from = time("from");
        Long to = time("to");
        if (from != null && to != null && from > to) {
            throw new BadParameter("from", "parameter 'from' is after 'to'");
        }
        return new FlowFilter(
                enis,
                from,
                to,
                cidr("ip"),
                cidr("src"),
                cidr("dst"),
                port("port"),
                port("srcport"),
                port("dstport"),
                protocol("protocol"),
                action(),
                status());
    }

    private Action action() {
        String a = choice("action", List.of("ACCEPT", "REJECT"));
        return a == null ? null : Action.valueOf(a);
    }

    private LogStatus status() {
        String s = choice("status", List.of("OK", "NODATA", "SKIPDATA"));
        return s == null ? null : LogStatus.valueOf(s);
    }

    /** The filter pattern of parameter {@code q}; everything when absent. */
    FilterPattern pattern() {
        String q = text("q");
        if (q == null) {
            return new FilterPattern.MatchAll("");
        }
        try {
            return FilterPatternParser.parse(q);
        } catch (FlowlensException e) {
            throw new BadParameter("q", "parameter 'q': " + e.getMessage());
        }
    }
}
