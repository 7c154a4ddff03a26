package dev.flowlens.sources.cloudwatch;

import java.util.Objects;

/** One log event as {@code FilterLogEvents} returns it. */
public record CloudWatchEvent(String eventId, String logStream, long timestamp, long ingestionTime, String message) {
    public CloudWatchEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(message, "message");
    }
}
