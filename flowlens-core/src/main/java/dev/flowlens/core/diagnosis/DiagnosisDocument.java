package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.rules.FlowLogSetting;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleFinding;
import dev.flowlens.core.time.IsoTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnosis as the one JSON document every engine and the web API write: what {@code flowlens
 * diagnose --output json} and {@code flowlens spark diagnose --output json} print, {@code
 * /api/diagnose} answers and the HTML report embeds. Maps and lists in a fixed key order (the golden
 * files pin the names and the order), times as UTC ISO-8601 to the second; {@code rules} only with a
 * configuration, {@code coverage.flow_logs} only when the configuration describes the flow logs.
 */
public final class DiagnosisDocument {
    private DiagnosisDocument() {}

    private static String iso(Long epochSeconds) {
        return IsoTime.iso(epochSeconds);
    }

    /** The document of {@code d}, ready for any JSON writer (no annotations needed). */
    public static Map<String, Object> of(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", d.verdict().name());
        m.put("summary", d.summary());
        m.put("attempts", d.groups().stream().map(DiagnosisDocument::attempt).toList());
        m.put("evidence", d.evidence().stream().map(DiagnosisDocument::evidence).toList());
        m.put("coverage", coverage(d.coverage()));
        m.put("causes", d.causes());
        if (d.rules() != null) {
            m.put("rules", rules(d.rules()));
        }
        return m;
    }

    private static Map<String, Object> attempt(AttemptGroup g) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("verdict", g.verdict().name());
        a.put("count", g.count());
        a.put("started", iso(g.started()));
        a.put("ended", iso(g.ended()));
        a.put("clients", g.clients());
        a.put("enis", g.enis());
        a.put("reason", g.reason());
        return a;
    }

    /**
     * One evidence record with its file and line; {@code pkt_srcaddr}/{@code pkt_dstaddr} only when
     * the record has one of them, {@code flow_direction} only when it has one.
     */
    private static Map<String, Object> evidence(Flow f) {
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
        return e;
    }

    /** What the workspace saw of the window: per interface, and the notes about gaps. */
    private static Map<String, Object> coverage(Coverage coverage) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("from", iso(coverage.from()));
        c.put("to", iso(coverage.to()));
        c.put("enis", coverage.enis().stream().map(DiagnosisDocument::eni).toList());
        c.put("nodata", coverage.noData());
        c.put("skipdata", coverage.skipData());
        c.put("accept_only_enis", coverage.acceptOnlyEnis());
        c.put("reject_only_enis", coverage.rejectOnlyEnis());
        c.put("newest_record_end", iso(coverage.newestRecordEnd()));
        c.put("notes", coverage.notes());
        if (!coverage.flowLogs().isEmpty()) {
            c.put(
                    "flow_logs",
                    coverage.flowLogs().stream().map(DiagnosisDocument::end).toList());
        }
        return c;
    }

    private static Map<String, Object> eni(EniCoverage e) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("eni", e.eni());
        x.put("first", iso(e.first()));
        x.put("last", iso(e.last()));
        x.put("accepted", e.accepted());
        x.put("rejected", e.rejected());
        x.put("nodata_in_window", e.noDataInWindow());
        x.put("skipdata_in_window", e.skipDataInWindow());
        return x;
    }

    /** One end's flow logs; {@code captures_*} are null when the end is not an interface of the configuration. */
    private static Map<String, Object> end(EndFlowLogs e) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("role", e.role());
        x.put("address", e.address());
        x.put("eni", e.eni());
        x.put("subnet", e.subnet());
        x.put("vpc", e.vpc());
        x.put("captures_accept", e.known() ? e.capturesAccepted() : null);
        x.put("captures_reject", e.known() ? e.capturesRejected() : null);
        x.put("flow_logs", e.flowLogs().stream().map(DiagnosisDocument::flowLog).toList());
        return x;
    }

    private static Map<String, Object> flowLog(FlowLogSetting f) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("flow_log_id", f.flowLogId());
        x.put("resource_id", f.resourceId());
        x.put("traffic_type", f.trafficType().name());
        x.put("max_aggregation_interval", f.maxAggregationSeconds());
        x.put("log_format", f.logFormat());
        x.put("destination_type", f.destinationType());
        x.put("log_group", f.logGroupName());
        return x;
    }

    /** The security group and network ACL rules on the path ({@code --config}). */
    private static Map<String, Object> rules(PathEvaluation rules) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (RuleFinding f : rules.findings()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("step", f.step().name());
            finding.put("allowed", f.allowed());
            finding.put("rule", f.text());
            findings.add(finding);
        }
        r.put("findings", findings);
        r.put("blocking", rules.blocking() == null ? null : rules.blocking().text());
        r.put("notes", rules.notes());
        return r;
    }
}
