package dev.flowlens.web.view;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.diagnosis.AttemptGroup;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.EndFlowLogs;
import dev.flowlens.core.diagnosis.EniCoverage;
import dev.flowlens.core.rules.FlowLogSetting;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleFinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnosis as JSON: what {@code flowlens diagnose --output json} prints and {@code /api/diagnose}
 * answers. The field names and their order are the CLI's (its golden files pin them).
 */
@JsonPropertyOrder({"verdict", "summary", "attempts", "evidence", "coverage", "causes", "rules"})
public record DiagnosisView(
        String verdict,
        String summary,
        List<AttemptView> attempts,
        List<EvidenceView> evidence,
        CoverageView coverage,
        List<String> causes,
        @JsonInclude(JsonInclude.Include.NON_NULL) RulesView rules) {

    public DiagnosisView {
        attempts = List.copyOf(attempts);
        evidence = List.copyOf(evidence);
        causes = List.copyOf(causes);
    }

    public static DiagnosisView of(Diagnosis d) {
        List<AttemptView> attempts = new ArrayList<>();
        for (AttemptGroup g : d.groups()) {
            attempts.add(new AttemptView(
                    g.verdict().name(),
                    g.count(),
                    IsoTime.iso(g.started()),
                    IsoTime.iso(g.ended()),
                    g.clients(),
                    g.enis(),
                    g.reason()));
        }
        List<EvidenceView> evidence = new ArrayList<>();
        for (Flow f : d.evidence()) {
            evidence.add(EvidenceView.of(f));
        }
        List<EniCoverageView> enis = new ArrayList<>();
        for (EniCoverage e : d.coverage().enis()) {
            enis.add(new EniCoverageView(
                    e.eni(),
                    IsoTime.iso(e.first()),
                    IsoTime.iso(e.last()),
                    e.accepted(),
                    e.rejected(),
                    e.noDataInWindow(),
                    e.skipDataInWindow()));
        }
        var c = d.coverage();
        CoverageView coverage = new CoverageView(
                IsoTime.iso(c.from()),
                IsoTime.iso(c.to()),
                enis,
                c.noData(),
                c.skipData(),
                c.acceptOnlyEnis(),
                c.rejectOnlyEnis(),
                IsoTime.iso(c.newestRecordEnd()),
                c.notes(),
                c.flowLogs().stream().map(EndFlowLogsView::of).toList());
        return new DiagnosisView(
                d.verdict().name(), d.summary(), attempts, evidence, coverage, d.causes(), RulesView.of(d.rules()));
    }

    /** Attempts grouped by verdict and time. */
    @JsonPropertyOrder({"verdict", "count", "started", "ended", "clients", "enis", "reason"})
    public record AttemptView(
            String verdict,
            int count,
            String started,
            String ended,
            List<String> clients,
            List<String> enis,
            String reason) {
        public AttemptView {
            clients = List.copyOf(clients);
            enis = List.copyOf(enis);
        }
    }

    /**
     * One evidence record with its file and line. {@code pkt_srcaddr}/{@code pkt_dstaddr} are written
     * only when the record has one of them, {@code flow_direction} only when it has one.
     */
    @JsonPropertyOrder({
        "file",
        "line",
        "eni",
        "srcaddr",
        "dstaddr",
        "srcport",
        "dstport",
        "protocol",
        "action",
        "tcp_flags",
        "start",
        "end",
        "packets",
        "bytes"
    })
    public record EvidenceView(
            String file,
            long line,
            String eni,
            String srcaddr,
            String dstaddr,
            int srcport,
            int dstport,
            int protocol,
            String action,
            @JsonProperty("tcp_flags") Integer tcpFlags,
            String start,
            String end,
            long packets,
            long bytes,
            @JsonIgnore Map<String, Object> optional) {

        public EvidenceView {
            optional = Collections.unmodifiableMap(new LinkedHashMap<>(optional));
        }

        public static EvidenceView of(Flow f) {
            Map<String, Object> optional = new LinkedHashMap<>();
            if (f.pktSrcaddr() != null || f.pktDstaddr() != null) {
                optional.put("pkt_srcaddr", f.pktSrcaddr());
                optional.put("pkt_dstaddr", f.pktDstaddr());
            }
            if (f.flowDirection() != null) {
                optional.put("flow_direction", f.flowDirection());
            }
            return new EvidenceView(
                    f.path(),
                    f.line(),
                    f.eni(),
                    f.srcaddr(),
                    f.dstaddr(),
                    f.srcport(),
                    f.dstport(),
                    f.protocol(),
                    f.action().name(),
                    f.tcpFlags(),
                    IsoTime.iso(f.start()),
                    IsoTime.iso(f.end()),
                    f.packets(),
                    f.bytes(),
                    optional);
        }

        /** The fields only some formats have, after the others. */
        @JsonAnyGetter
        public Map<String, Object> optionalFields() {
            return optional;
        }
    }

    /** What the workspace saw of the window: per interface, and the notes about gaps. */
    @JsonPropertyOrder({
        "from",
        "to",
        "enis",
        "nodata",
        "skipdata",
        "accept_only_enis",
        "reject_only_enis",
        "newest_record_end",
        "notes",
        "flow_logs"
    })
    public record CoverageView(
            String from,
            String to,
            List<EniCoverageView> enis,
            @JsonProperty("nodata") long noData,
            @JsonProperty("skipdata") long skipData,
            @JsonProperty("accept_only_enis") List<String> acceptOnlyEnis,
            @JsonProperty("reject_only_enis") List<String> rejectOnlyEnis,
            @JsonProperty("newest_record_end") String newestRecordEnd,
            List<String> notes,

            @JsonProperty("flow_logs") @JsonInclude(JsonInclude.Include.NON_EMPTY)
            List<EndFlowLogsView> flowLogs) {
        public CoverageView {
            enis = List.copyOf(enis);
            acceptOnlyEnis = List.copyOf(acceptOnlyEnis);
            rejectOnlyEnis = List.copyOf(rejectOnlyEnis);
            notes = List.copyOf(notes);
            flowLogs = List.copyOf(flowLogs);
        }
    }

    /**
     * What the flow log descriptions say of one end (only when the configuration has them: output
     * without them is unchanged); {@code captures_*} are null when the end is not an interface of it.
     */
    @JsonPropertyOrder({"role", "address", "eni", "subnet", "vpc", "captures_accept", "captures_reject", "flow_logs"})
    public record EndFlowLogsView(
            String role,
            String address,
            String eni,
            String subnet,
            String vpc,
            @JsonProperty("captures_accept") Boolean capturesAccept,
            @JsonProperty("captures_reject") Boolean capturesReject,
            @JsonProperty("flow_logs") List<FlowLogView> flowLogs) {
        public EndFlowLogsView {
            flowLogs = List.copyOf(flowLogs);
        }

        static EndFlowLogsView of(EndFlowLogs e) {
            List<FlowLogView> logs = new ArrayList<>();
            for (FlowLogSetting f : e.flowLogs()) {
                logs.add(new FlowLogView(
                        f.flowLogId(),
                        f.resourceId(),
                        f.trafficType().name(),
                        f.maxAggregationSeconds(),
                        f.logFormat(),
                        f.destinationType(),
                        f.logGroupName()));
            }
            return new EndFlowLogsView(
                    e.role(),
                    e.address(),
                    e.eni(),
                    e.subnet(),
                    e.vpc(),
                    e.known() ? e.capturesAccepted() : null,
                    e.known() ? e.capturesRejected() : null,
                    logs);
        }
    }

    /** One flow log capturing an end. */
    @JsonPropertyOrder({
        "flow_log_id",
        "resource_id",
        "traffic_type",
        "max_aggregation_interval",
        "log_format",
        "destination_type",
        "log_group"
    })
    public record FlowLogView(
            @JsonProperty("flow_log_id") String flowLogId,
            @JsonProperty("resource_id") String resourceId,
            @JsonProperty("traffic_type") String trafficType,
            @JsonProperty("max_aggregation_interval") int maxAggregationInterval,
            @JsonProperty("log_format") String logFormat,
            @JsonProperty("destination_type") String destinationType,
            @JsonProperty("log_group") String logGroup) {}

    /** One interface's records in the window. */
    @JsonPropertyOrder({"eni", "first", "last", "accepted", "rejected", "nodata_in_window", "skipdata_in_window"})
    public record EniCoverageView(
            String eni,
            String first,
            String last,
            long accepted,
            long rejected,
            @JsonProperty("nodata_in_window") long noDataInWindow,
            @JsonProperty("skipdata_in_window") long skipDataInWindow) {}

    /** The security group and network ACL rules on the path ({@code --config}). */
    @JsonPropertyOrder({"findings", "blocking", "notes"})
    public record RulesView(List<FindingView> findings, String blocking, List<String> notes) {
        public RulesView {
            findings = List.copyOf(findings);
            notes = List.copyOf(notes);
        }

        static RulesView of(PathEvaluation rules) {
            if (rules == null) {
                return null;
            }
            List<FindingView> findings = new ArrayList<>();
            for (RuleFinding f : rules.findings()) {
                findings.add(new FindingView(f.step().name(), f.allowed(), f.text()));
            }
            return new RulesView(
                    findings, rules.blocking() == null ? null : rules.blocking().text(), rules.notes());
        }
    }

    /** One rule step: allowed or not, and the rule's text. */
    @JsonPropertyOrder({"step", "allowed", "rule"})
    public record FindingView(String step, boolean allowed, String rule) {}
}
