package dev.flowlens.core.diagnosis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.flowlens.core.rules.FlowLogSetting;
import java.util.List;
import java.util.Objects;

/**
 * What the flow log descriptions say of one end of the diagnosed traffic: its interface and the
 * flow logs that capture it (on the ENI, its subnet or its VPC).
 *
 * @param role {@code source} or {@code destination}
 * @param address the end's address
 * @param eni the interface owning the address; null when the configuration has no such interface
 * @param flowLogs the flow logs capturing the interface (empty: none)
 *     <p>Also an element of the diagnosis document's {@code coverage.flow_logs} as it is: its JSON has
 *     these keys in this order, {@code captures_accept}/{@code captures_reject} null when the end is
 *     not an interface of the configuration.
 */
@JsonPropertyOrder({"role", "address", "eni", "subnet", "vpc", "captures_accept", "captures_reject", "flow_logs"})
public record EndFlowLogs(
        String role,
        String address,
        String eni,
        String subnet,
        String vpc,
        @JsonProperty("flow_logs") List<FlowLogSetting> flowLogs) {
    public EndFlowLogs {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
        flowLogs = List.copyOf(flowLogs);
    }

    /** True when the end is an interface of the configuration (its flow logs are then known). */
    public boolean known() {
        return eni != null;
    }

    public boolean capturesAccepted() {
        return flowLogs.stream().anyMatch(f -> f.trafficType().capturesAccepted());
    }

    public boolean capturesRejected() {
        return flowLogs.stream().anyMatch(f -> f.trafficType().capturesRejected());
    }

    /** True when the end is known and some traffic there is never recorded. */
    public boolean partial() {
        return known() && !(capturesAccepted() && capturesRejected());
    }

    /** {@code eni-1 (10.0.1.5, the source)}. */
    public String who() {
        return (eni == null ? address : eni + " (" + address + ", the " + role + ")");
    }

    /** The fact as a sentence for the coverage section. */
    public String fact() {
        if (!known()) {
            return "flow log coverage of " + address + " (the " + role
                    + ") is unknown: no interface of the configuration has this address";
        }
        if (flowLogs.isEmpty()) {
            return who() + " has no flow log (none on the ENI, " + (subnet == null ? "its subnet" : subnet) + " or "
                    + (vpc == null ? "its VPC" : vpc) + "): its traffic is never recorded";
        }
        String logs = String.join(
                ", ", flowLogs.stream().map(FlowLogSetting::describe).toList());
        String what = capturesAccepted() && capturesRejected()
                ? "accepted and rejected traffic are recorded"
                : capturesAccepted()
                        ? "rejected traffic is never recorded there"
                        : "accepted traffic is never recorded there";
        return who() + " is logged by " + logs + ": " + what;
    }

    /** What is missing there, for qualifying a verdict; null when nothing is. */
    public String missing() {
        if (!partial()) {
            return null;
        }
        if (flowLogs.isEmpty()) {
            return who() + " has no flow log";
        }
        return capturesAccepted() ? who() + " records ACCEPT traffic only" : who() + " records REJECT traffic only";
    }

    /** {@link #capturesAccepted()} of a known end, null otherwise (the document's {@code captures_accept}). */
    @JsonProperty("captures_accept")
    Boolean capturesAcceptIfKnown() {
        return known() ? capturesAccepted() : null;
    }

    /** {@link #capturesRejected()} of a known end, null otherwise. */
    @JsonProperty("captures_reject")
    Boolean capturesRejectIfKnown() {
        return known() ? capturesRejected() : null;
    }
}
