package dev.flowlens.core.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as Flowlens writes them for people and in JSON: UTC ISO-8601 to the second. */
public final class IsoTime {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private IsoTime() {}

    /** Epoch seconds as {@code 2026-11-20T10:00:00Z}, or null for null. */
    public static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : ISO.format(Instant.ofEpochSecond(epochSeconds));
    }
}
