package dev.flowlens.sources.cloudwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.sources.input.MemoryInputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Events of one {@code FilterLogEvents} page that the workspace does not hold yet, as an input: the
 * JSON {@code aws logs filter-log-events} prints (one event a line), which the file reader already
 * reads (each record keeps its log stream). The location names the group, the first event's stream
 * and time, and a hash of the event ids, so it is unique to this set of events. Held in memory (read
 * twice cheaply); its time is the newest ingestion time.
 */
public final class CloudWatchInput extends MemoryInputFile {
    private static final JsonFactory JSON = new JsonFactory();

    private final List<CloudWatchEvent> events;

    public CloudWatchInput(String logGroup, List<CloudWatchEvent> events) {
        this(encode(logGroup, events), events);
    }

    private CloudWatchInput(Encoded encoded, List<CloudWatchEvent> events) {
        super(encoded.location(), encoded.bytes(), encoded.newest(), null, false);
        this.events = List.copyOf(events);
    }

    /** The events this input holds. */
    public List<CloudWatchEvent> events() {
        return events;
    }

    /** The JSON of the events, the location that names them and their newest ingestion time. */
    private record Encoded(String location, byte[] bytes, long newest) {}

    private static Encoded encode(String logGroup, List<CloudWatchEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an input holds at least one event");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        long newest = 0;
        MessageDigest ids;
        try {
            ids = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("logGroupName", logGroup);
            g.writeFieldName("events");
            g.writeStartArray();
            for (CloudWatchEvent e : events) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("logStreamName", e.logStream());
                g.writeNumberField("timestamp", e.timestamp());
                g.writeNumberField("ingestionTime", e.ingestionTime());
                g.writeStringField("eventId", e.eventId());
                g.writeStringField("message", e.message());
                g.writeEndObject();
                newest = Math.max(newest, e.ingestionTime());
                ids.update(e.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ids.update((byte) 0);
            }
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CloudWatchEvent first = events.get(0);
        String location = "cloudwatch:" + logGroup + "/" + first.logStream() + "@" + first.timestamp() + "#"
                + HexFormat.of().formatHex(ids.digest(), 0, 8);
        return new Encoded(location, out.toByteArray(), newest);
    }
}
