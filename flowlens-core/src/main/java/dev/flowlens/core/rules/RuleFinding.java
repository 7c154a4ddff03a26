package dev.flowlens.core.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What one hop of the path decided, naming the rule (or the missing rule) responsible.
 *
 * @param step the hop
 * @param allowed whether the hop lets the packet through
 * @param text e.g. "network ACL acl-0a1b outbound rule 100 denies TCP 1024-65535 to 0.0.0.0/0"
 *     (written as {@code rule} in the diagnosis document)
 */
public record RuleFinding(
        Step step, boolean allowed, @JsonProperty("rule") String text) {
    /** The hops a connection crosses, in packet order. */
    public enum Step {
        SOURCE_SECURITY_GROUP_OUTBOUND,
        SOURCE_NETWORK_ACL_OUTBOUND,
        DESTINATION_NETWORK_ACL_INBOUND,
        DESTINATION_SECURITY_GROUP_INBOUND,
        DESTINATION_NETWORK_ACL_OUTBOUND_REPLY,
        SOURCE_NETWORK_ACL_INBOUND_REPLY
    }

    public RuleFinding {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(text, "text");
    }
}
