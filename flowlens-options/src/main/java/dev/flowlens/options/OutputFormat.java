package dev.flowlens.options;

/** How a command prints its result. Not every command offers every one. */
public enum OutputFormat {
    TABLE,
    TEXT,
    CSV,
    JSON,
    JSONL
}
