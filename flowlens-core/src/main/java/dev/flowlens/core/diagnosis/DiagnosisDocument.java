package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.rules.RuleFinding;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnosis as the JSON document every engine prints ({@code diagnose --output json}): maps and
 * lists in a fixed key order, times as UTC ISO-8601.
 */
public final class DiagnosisDocument {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private DiagnosisDocument() {}

    private static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : ISO.format(Instant.ofEpochSecond(epochSeconds));
    }

    public static Map<String, Object> of(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", d.verdict().name());
        m.put("summary", d.summary());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (AttemptGroup g : d.groups()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("verdict", g.verdict().name());
            a.put("count", g.count());
            a.put("started", iso(g.started()));
            a.put("ended", iso(g.ended()));
            a.put("clients", g.clients());
            a.put("enis", g.enis());
            a.put("reason", g.reason());
            attempts.add(a);
        }
        m.put("attempts", attempts);
        m.put("evidence", evidence(d));
        m.put("coverage", coverage(d.coverage()));
        m.put("causes", d.causes());
        if (d.rules() != null) {
            m.put("rules", rules(d));
        }
        return m;
    }

    private static List<Map<String, Object>> evidence(Diagnosis d) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Flow f : d.evidence()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", f.path());
            e.put("line", f.line());
            e.put("eni", f.eni());
            e.put("srcaddr", f.srcaddr());
            e.put("dstaddr", f.dstaddr());
            e.put("srcport", f.srcport());
            e.put("dstport", f.dstport());
            e.put("protocol", f.protocol());
            e.put("action", f.action().name());
            e.put("tcp_flags", f.tcpFlags());
            e.put("start", iso(f.start()));
            e.put("end", iso(f.end()));
            e.put("packets", f.packets());
            e.put("bytes", f.bytes());
            if (f.pktSrcaddr() != null || f.pktDstaddr() != null) {
                e.put("pkt_srcaddr", f.pktSrcaddr());
                e.put("pkt_dstaddr", f.pktDstaddr());
            }
            if (f.flowDirection() != null) {
                e.put("flow_direction", f.flowDirection());
            }
            evidence.add(e);
        }
        return evidence;
    }

    private static Map<String, Object> coverage(Coverage coverage) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("from", coverage.from() == null ? null : iso(coverage.from()));
        c.put("to", coverage.to() == null ? null : iso(coverage.to()));
        List<Map<String, Object>> enis = new ArrayList<>();
        for (EniCoverage e : coverage.enis()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("eni", e.eni());
            x.put("first", e.first() == null ? null : iso(e.first()));
            x.put("last", e.last() == null ? null : iso(e.last()));
            x.put("accepted", e.accepted());
            x.put("rejected", e.rejected());
            x.put("nodata_in_window", e.noDataInWindow());
            x.put("skipdata_in_window", e.skipDataInWindow());
            enis.add(x);
        }
        c.put("enis", enis);
        c.put("nodata", coverage.noData());
        c.put("skipdata", coverage.skipData());
        c.put("accept_only_enis", coverage.acceptOnlyEnis());
        c.put("reject_only_enis", coverage.rejectOnlyEnis());
        c.put("newest_record_end", coverage.newestRecordEnd() == null ? null : iso(coverage.newestRecordEnd()));
        c.put("notes", coverage.notes());
        return c;
    }

    private static Map<String, Object> rules(Diagnosis d) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (RuleFinding f : d.rules().findings()) {
            // keys in a fixed order (Map.of iterates in a different order in each JVM)
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("step", f.step().name());
            finding.put("allowed", f.allowed());
            finding.put("rule", f.text());
            findings.add(finding);
        }
        r.put("findings", findings);
        r.put(
                "blocking",
                d.rules().blocking() == null ? null : d.rules().blocking().text());
        r.put("notes", d.rules().notes());
        return r;
    }
}
