package dev.flowlens.cli.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them: UTC ISO-8601. */
public final class Times {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : ISO.format(Instant.ofEpochSecond(epochSeconds));
    }
}
