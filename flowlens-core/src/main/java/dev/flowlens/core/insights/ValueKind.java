package dev.flowlens.core.insights;

/** What a result column holds, so printers can show it: timestamps are epoch seconds. */
public enum ValueKind {
    NUMBER,
    TEXT,
    BOOLEAN,
    /** Epoch seconds, shown as a UTC time. */
    TIMESTAMP,
    /** Not known until the query runs. */
    ANY
}
