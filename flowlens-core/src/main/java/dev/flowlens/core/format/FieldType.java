package dev.flowlens.core.format;

/** How a field's text is read and stored. */
public enum FieldType {
    /** A 32-bit integer (ports, protocol, version, tcp-flags, traffic-path). */
    INT,
    /** A 64-bit integer (packets, bytes, packets-lost counters). */
    LONG,
    /** Unix seconds; values written in milliseconds are recognised and converted. */
    EPOCH_SECONDS,
    /** An IPv4 or IPv6 address, kept as written. */
    ADDRESS,
    /** Text kept as written. */
    TEXT
}
