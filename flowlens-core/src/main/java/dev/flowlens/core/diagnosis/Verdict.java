package dev.flowlens.core.diagnosis;

/** What happened to a connection attempt, as the flow log records prove it. */
public enum Verdict {
    /** Request and reply both accepted. */
    ESTABLISHED,
    /** The request was rejected at the destination (security group or network ACL inbound). */
    REJECTED_INBOUND,
    /** The request was accepted but the reply was rejected (a stateless network ACL). */
    REJECTED_RESPONSE,
    /** The request was rejected leaving the source (its security group or network ACL outbound). */
    REJECTED_EGRESS,
    /** The request was accepted and nothing came back. */
    NO_RESPONSE,
    /** The destination answered with RST (seen through tcp-flags). */
    RESET,
    /** No record matches. */
    NOT_OBSERVED
}
