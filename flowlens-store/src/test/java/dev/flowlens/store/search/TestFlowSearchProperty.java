package dev.flowlens.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.filter.MessageMatcher;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random records in two formats, random filters and patterns: the search returns exactly what a
 * brute-force Java filter (the reference {@link MessageMatcher} on each record's message, and the
 * structured filter written out by hand) keeps, in start-time order. Seeded.
 */
class TestFlowSearchProperty {
    private static final String V2_HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String CUSTOM_HEADER =
            "interface-id srcaddr dstaddr srcport dstport protocol start end action log-status tcp-flags flow-direction";
    private static final String[] ENIS = {"eni-0a1b2c3d", "eni-0a1b2c3e", "eni-99"};
    private static final String[] ADDRS = {
        "10.0.0.5", "10.0.0.52", "10.0.1.5", "172.31.16.21", "2001:db8::1", "2001:DB8:0:1::5", "fe80::1"
    };
    private static final int[] PORTS = {22, 443, 3389, 51000, 0};

    @TempDir
    Path dir;

    private final Random random = new Random(424242L);

    @Test
    void searchEqualsBruteForce() throws Exception {
        Path v2 = dir.resolve("a.log");
        Path custom = dir.resolve("b.log");
        Files.writeString(v2, V2_HEADER + "\n" + lines(true, 250));
        Files.writeString(custom, CUSTOM_HEADER + "\n" + lines(false, 250));
        try (Workspace ws = Workspace.open(dir.resolve("w.db"))) {
            for (Path file : List.of(v2, custom)) {
                new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(file));
            }
            FlowSearch search = new FlowSearch(ws.connection());
            List<FlowRow> all = search.search(new SearchRequest(FlowFilter.ANY, null, 10_000))
                    .rows();
            assertThat(all).hasSize(500);
            int nonEmpty = 0;
            for (int q = 0; q < 150; q++) {
                FlowFilter filter = randomFilter();
                String text = randomPattern(all);
                FilterPattern pattern = FilterPatternParser.parse(text);
                List<String> expected = new ArrayList<>();
                for (FlowRow r : all) {
                    if (matches(filter, r) && MessageMatcher.matches(pattern, r.message())) {
                        expected.add(r.path() + ":" + r.line());
                    }
                }
                List<String> actual = search.search(new SearchRequest(filter, pattern, 10_000)).rows().stream()
                        .map(r -> r.path() + ":" + r.line())
                        .toList();
                assertThat(actual).as("filter %s pattern %s", filter, text).containsExactlyElementsOf(expected);
                // a small limit keeps the first records in order (also when alternatives run as separate scans)
                int limit = 1 + random.nextInt(12);
                SearchResult first = search.search(new SearchRequest(filter, pattern, limit));
                assertThat(first.rows().stream()
                                .map(r -> r.path() + ":" + r.line())
                                .toList())
                        .as("limit %d, filter %s pattern %s", limit, filter, text)
                        .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
                assertThat(first.more())
                        .as("more, limit %d, filter %s pattern %s", limit, filter, text)
                        .isEqualTo(expected.size() > limit);
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).as("queries that found something").isGreaterThan(50);
        }
    }

    private String lines(boolean v2, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean noData = random.nextInt(8) == 0;
            long start = 1_700_000_000L + random.nextInt(7200);
            String eni = ENIS[random.nextInt(ENIS.length)];
            String src = noData ? "-" : ADDRS[random.nextInt(ADDRS.length)];
            String dst = noData ? "-" : ADDRS[random.nextInt(ADDRS.length)];
            String sp = noData ? "-" : Integer.toString(PORTS[random.nextInt(PORTS.length)]);
            String dp = noData ? "-" : Integer.toString(PORTS[random.nextInt(PORTS.length)]);
            String proto = noData ? "-" : random.nextBoolean() ? "6" : "17";
            String action = noData ? "-" : random.nextBoolean() ? "ACCEPT" : "REJECT";
            String status = noData ? "NODATA" : "OK";
            String tuple = String.join(" ", eni, src, dst, sp, dp, proto);
            String span = start + " " + (start + 60);
            if (v2) {
                String packets = noData ? "-" : Integer.toString(1 + random.nextInt(40));
                String bytes = noData ? "-" : Integer.toString(40 + random.nextInt(4000));
                b.append(String.join(" ", "2", "123456789012", tuple, packets, bytes, span, action, status));
            } else {
                String flags = noData ? "-" : Integer.toString(random.nextInt(4) * 2);
                String dir = noData ? "-" : random.nextBoolean() ? "ingress" : "egress";
                b.append(String.join(" ", tuple, span, action, status, flags, dir));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private FlowFilter randomFilter() {
        List<String> enis = random.nextInt(3) == 0 ? List.of(ENIS[random.nextInt(ENIS.length)]) : List.of();
        Long from = null;
        Long to = null;
        if (random.nextInt(3) == 0) {
            from = 1_700_000_000L + random.nextInt(7200);
            to = from + random.nextInt(3600);
        }
        Cidr ip = random.nextInt(4) == 0 ? randomCidr() : null;
        Cidr src = random.nextInt(6) == 0 ? randomCidr() : null;
        Integer port = random.nextInt(5) == 0 ? PORTS[random.nextInt(PORTS.length)] : null;
        Integer protocol = random.nextInt(6) == 0 ? 6 : null;
        Action action = random.nextInt(5) == 0 ? Action.REJECT : null;
        LogStatus status = random.nextInt(8) == 0 ? LogStatus.NODATA : null;
        return FlowFilter.builder()
                .enis(enis)
                .from(from)
                .to(to)
                .ip(ip)
                .src(src)
                .port(port)
                .protocol(protocol)
                .action(action)
                .status(status)
                .build();
    }

    private Cidr randomCidr() {
        String[] blocks = {
            "10.0.0.5", "10.0.0.0/24", "10.0.0.0/16", "2001:db8::/32", "2001:db8::1", "2001:db8:0:1::/64", "fe80::/10"
        };
        return Cidr.parse(blocks[random.nextInt(blocks.length)]);
    }

    private String randomPattern(List<FlowRow> rows) {
        List<String> fields = rows.get(random.nextInt(rows.size())).fieldTexts();
        int i = random.nextInt(fields.size());
        String f = fields.get(i);
        switch (random.nextInt(8)) {
            case 0:
                return "";
            case 1:
                return "\" " + f + " \"";
            case 2:
                return f.startsWith("-") ? "\"" + f + "\"" : f;
            case 3:
                return "?\"" + f + "\" ?REJECT -\"" + fields.get(random.nextInt(fields.size())) + "\"";
            case 4:
                return i + 1 < fields.size()
                        ? "\"" + f.substring(random.nextInt(f.length())) + " " + fields.get(i + 1) + "\""
                        : "\"" + f + "\"";
            case 5:
                return "[..., action=" + (random.nextBoolean() ? "REJECT" : "\"ACCEPT\"") + ", status]";
            case 6:
                return "[..., start, end, action, status]";
            default:
                return "[version, account, eni, src, dst, sp, dp" + (random.nextBoolean() ? ">=443" : "!=22")
                        + ", ...]";
        }
    }

    /** The structured filter, written out plainly. */
    private static boolean matches(FlowFilter f, FlowRow r) {
        String eni =
                r.stringValue(FlowField.INTERFACE_ID) != null ? r.stringValue(FlowField.INTERFACE_ID) : r.logStream();
        if (!f.enis().isEmpty() && !f.enis().contains(eni)) {
            return false;
        }
        Long start = r.longValue(FlowField.START);
        Long end = r.longValue(FlowField.END);
        if (f.from() != null && (end == null || end < f.from())) {
            return false;
        }
        if (f.to() != null && (start == null || start > f.to())) {
            return false;
        }
        String src = r.stringValue(FlowField.SRCADDR);
        String dst = r.stringValue(FlowField.DSTADDR);
        if (f.ip() != null && !(in(f.ip(), src) || in(f.ip(), dst))) {
            return false;
        }
        if (f.src() != null && !in(f.src(), src)) {
            return false;
        }
        Integer sp = r.intValue(FlowField.SRCPORT);
        Integer dp = r.intValue(FlowField.DSTPORT);
        if (f.port() != null && !(f.port().equals(sp) || f.port().equals(dp))) {
            return false;
        }
        if (f.protocol() != null && !f.protocol().equals(r.intValue(FlowField.PROTOCOL))) {
            return false;
        }
        if (f.action() != null && !f.action().name().equals(r.stringValue(FlowField.ACTION))) {
            return false;
        }
        return f.status() == null || f.status().name().equals(r.stringValue(FlowField.LOG_STATUS));
    }

    private static boolean in(Cidr block, String address) {
        return address != null && block.contains(address);
    }
}
