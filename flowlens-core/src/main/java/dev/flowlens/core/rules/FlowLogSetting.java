package dev.flowlens.core.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One flow log as {@code describe-flow-logs} shows it: what it is attached to (an ENI, a subnet or
 * a VPC), which traffic it captures, its aggregation interval, where it delivers and its format.
 *
 * @param flowLogId the flow log's id ({@code fl-...})
 * @param resourceId the ENI, subnet or VPC it is attached to
 * @param trafficType the traffic it captures
 * @param maxAggregationSeconds the aggregation interval (60 or 600); 0 when not stated
 * @param logFormat the {@code ${field}} format; null when not stated (the default format)
 * @param destinationType {@code cloud-watch-logs}, {@code s3} or {@code kinesis-data-firehose}; null when not stated
 * @param logGroupName the CloudWatch Logs group it delivers to; null for other destinations
 *     <p>The annotations name the keys of the diagnosis document ({@code coverage.flow_logs}).
 */
public record FlowLogSetting(
        @JsonProperty("flow_log_id") String flowLogId,
        @JsonProperty("resource_id") String resourceId,
        @JsonProperty("traffic_type") TrafficType trafficType,
        @JsonProperty("max_aggregation_interval") int maxAggregationSeconds,
        @JsonProperty("log_format") String logFormat,
        @JsonProperty("destination_type") String destinationType,
        @JsonProperty("log_group") String logGroupName) {
    /** The traffic a flow log captures. */
    public enum TrafficType {
        ACCEPT,
        REJECT,
        ALL;

        public boolean capturesAccepted() {
            return this != REJECT;
        }

        public boolean capturesRejected() {
            return this != ACCEPT;
        }
    }

    public FlowLogSetting {
        Objects.requireNonNull(flowLogId, "flowLogId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(trafficType, "trafficType");
    }

    /** {@code fl-1 (REJECT only, 60 s aggregation, on subnet-1)}. */
    public String describe() {
        String traffic = switch (trafficType) {
            case ACCEPT -> "ACCEPT only";
            case REJECT -> "REJECT only";
            case ALL -> "ALL traffic";
        };
        return flowLogId + " (" + traffic
                + (maxAggregationSeconds > 0 ? ", " + maxAggregationSeconds + " s aggregation" : "") + ", on "
                + resourceId + ")";
    }
}
