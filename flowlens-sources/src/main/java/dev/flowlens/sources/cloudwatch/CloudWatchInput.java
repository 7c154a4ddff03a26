package dev.flowlens.sources.cloudwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.sources.input.InputFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Events of one {@code FilterLogEvents} page that the workspace does not hold yet, as an input: the
 * JSON {@code aws logs filter-log-events} prints (one event a line), which the file reader already
 * reads (each record keeps its log stream). The location names the group, the first event's stream
 * and time, and a hash of the event ids, so it is unique to this set of events.
 */
public final class CloudWatchInput implements InputFile {
    private static final JsonFactory JSON = new JsonFactory();

    private final String location;
    private final byte[] bytes;
    private final long lastModified;
    private final List<CloudWatchEvent> events;

    public CloudWatchInput(String logGroup, List<CloudWatchEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an input holds at least one event");
        }
        this.events = List.copyOf(events);
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
        this.bytes = out.toByteArray();
        this.lastModified = newest;
        CloudWatchEvent first = events.get(0);
        this.location = "cloudwatch:" + logGroup + "/" + first.logStream() + "@" + first.timestamp() + "#"
                + HexFormat.of().formatHex(ids.digest(), 0, 8);
    }

    /** The events this input holds. */
    public List<CloudWatchEvent> events() {
        return events;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String identity() {
        return location;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public long lastModified() {
        return lastModified;
    }

    @Override
    public String version() {
        return null;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean cheapToReadTwice() {
        return true; // held in memory
    }

    @Override
    public LocalCopy localCopy() throws IOException {
        return InputFile.temporaryCopy(open(), "flowlens-cloudwatch-");
    }

    @Override
    public String toString() {
        return location;
    }
}
