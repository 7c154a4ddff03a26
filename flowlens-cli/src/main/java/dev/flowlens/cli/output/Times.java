package dev.flowlens.cli.output;

/** Times as people read them: core's {@link dev.flowlens.core.time.IsoTime}. */
public final class Times {
    private Times() {}

    /** Epoch seconds as {@code 2026-11-20T10:00:00Z}, or null. */
    public static String iso(Long epochSeconds) {
        return dev.flowlens.core.time.IsoTime.iso(epochSeconds);
    }
}
