package dev.flowlens.core.diagnosis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.rules.PathEvaluation;
import dev.flowlens.core.rules.RuleFinding;
import dev.flowlens.core.time.IsoTime;
import java.util.List;

/**
 * A diagnosis as the one JSON document every engine and the web API write: what {@code flowlens
 * diagnose --output json} and {@code flowlens spark diagnose --output json} print, {@code
 * /api/diagnose} answers and the HTML report embeds. Records whose components are the keys in
 * order (the golden files pin the names and the order), named in snake_case by their Jackson
 * annotations, so any plain {@code ObjectMapper} writes the same document; times as UTC ISO-8601 to
 * the second; {@code rules} only with a configuration, {@code coverage.flow_logs} only when the
 * configuration describes the flow logs.
 */
public record DiagnosisDocument(
        String verdict,
        String summary,
        List<AttemptGroup> attempts,
        List<EvidenceView> evidence,
        CoverageView coverage,
        List<String> causes,
        @JsonInclude(JsonInclude.Include.NON_NULL) RulesView rules) {

    /** The document of {@code d}. */
    public static DiagnosisDocument of(Diagnosis d) {
        return new DiagnosisDocument(
                d.verdict().name(),
                d.summary(),
                d.groups(),
                d.evidence().stream().map(EvidenceView::of).toList(),
                CoverageView.of(d.coverage()),
                d.causes(),
                d.rules() == null ? null : RulesView.of(d.rules()));
    }

    /**
     * One evidence record with its file and line; {@code pkt_srcaddr}/{@code pkt_dstaddr} only when
     * the record has one of them, {@code flow_direction} only when it has one.
     */
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
            @JsonUnwrapped PacketAddresses packetAddresses,

            @JsonProperty("flow_direction") @JsonInclude(JsonInclude.Include.NON_NULL)
            String flowDirection) {
        static EvidenceView of(Flow f) {
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
                    PacketAddresses.of(f),
                    f.flowDirection());
        }
    }

    /** The packet-level addresses of a record, written both (one may be null) or not at all. */
    public record PacketAddresses(
            @JsonProperty("pkt_srcaddr") String pktSrcaddr,
            @JsonProperty("pkt_dstaddr") String pktDstaddr) {
        /** The record's packet-level addresses, or null when it has neither. */
        static PacketAddresses of(Flow f) {
            return f.pktSrcaddr() == null && f.pktDstaddr() == null
                    ? null
                    : new PacketAddresses(f.pktSrcaddr(), f.pktDstaddr());
        }
    }

    /** What the workspace saw of the window: per interface, and the notes about gaps. */
    public record CoverageView(
            String from,
            String to,
            List<EniView> enis,
            long nodata,
            long skipdata,
            @JsonProperty("accept_only_enis") List<String> acceptOnlyEnis,
            @JsonProperty("reject_only_enis") List<String> rejectOnlyEnis,
            @JsonProperty("newest_record_end") String newestRecordEnd,
            List<String> notes,

            @JsonProperty("flow_logs") @JsonInclude(JsonInclude.Include.NON_EMPTY)
            List<EndFlowLogs> flowLogs) {
        static CoverageView of(Coverage c) {
            return new CoverageView(
                    IsoTime.iso(c.from()),
                    IsoTime.iso(c.to()),
                    c.enis().stream().map(EniView::of).toList(),
                    c.noData(),
                    c.skipData(),
                    c.acceptOnlyEnis(),
                    c.rejectOnlyEnis(),
                    IsoTime.iso(c.newestRecordEnd()),
                    c.notes(),
                    c.flowLogs());
        }
    }

    /** One interface's records in the window. */
    public record EniView(
            String eni,
            String first,
            String last,
            long accepted,
            long rejected,
            @JsonProperty("nodata_in_window") long nodataInWindow,
            @JsonProperty("skipdata_in_window") long skipdataInWindow) {
        static EniView of(EniCoverage e) {
            return new EniView(
                    e.eni(),
                    IsoTime.iso(e.first()),
                    IsoTime.iso(e.last()),
                    e.accepted(),
                    e.rejected(),
                    e.noDataInWindow(),
                    e.skipDataInWindow());
        }
    }

    /** The security group and network ACL rules on the path ({@code --config}). */
    public record RulesView(List<RuleFinding> findings, String blocking, List<String> notes) {
        static RulesView of(PathEvaluation rules) {
            return new RulesView(
                    rules.findings(),
                    rules.blocking() == null ? null : rules.blocking().text(),
                    rules.notes());
        }
    }
}
