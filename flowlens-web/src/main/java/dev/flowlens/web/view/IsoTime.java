package dev.flowlens.web.view;

/** Times as the JSON views write them: core's {@link dev.flowlens.core.time.IsoTime}, as the CLI prints them. */
public final class IsoTime {
    private IsoTime() {}

    /** Epoch seconds as {@code 2026-11-20T10:00:00Z}, or null. */
    public static String iso(Long epochSeconds) {
        return dev.flowlens.core.time.IsoTime.iso(epochSeconds);
    }
}
