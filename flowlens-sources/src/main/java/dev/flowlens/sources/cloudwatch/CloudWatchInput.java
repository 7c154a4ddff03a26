package dev.flowlens.sources.cloudwatch;

import dev.flowlens.sources.input.MemoryInputFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Events of one {@code FilterLogEvents} page that the workspace does not hold yet, as an input: their
 * messages a line each (a line break inside a message becomes a space), with each line's log stream
 * given beside the bytes ({@link #lineStreams()}), so the file reader reads them as plain lines,
 * each record keeping its stream, a bad line cited at its event's place in the page. The location
 * names the group, the first event's stream and time, and a hash of the event ids, so it is unique to
 * this set of events. Held in memory (read twice cheaply); its time is the newest ingestion time.
 */
public final class CloudWatchInput extends MemoryInputFile {
    private final String logGroup;
    /** The events' ids, times and streams (what the journal and the reader need); the messages are the bytes. */
    private final String[] eventIds;

    private final long[] timestamps;
    private final String[] streams;

    public CloudWatchInput(String logGroup, List<CloudWatchEvent> events) {
        this(logGroup, events, encode(logGroup, events));
    }

    private CloudWatchInput(String logGroup, List<CloudWatchEvent> events, Encoded encoded) {
        super(encoded.location(), encoded.bytes(), encoded.newest(), null, false);
        this.logGroup = logGroup;
        int n = events.size();
        this.eventIds = new String[n];
        this.timestamps = new long[n];
        this.streams = new String[n];
        for (int i = 0; i < n; i++) {
            CloudWatchEvent e = events.get(i);
            eventIds[i] = e.eventId();
            timestamps[i] = e.timestamp();
            streams[i] = e.logStream();
        }
    }

    /** The messages a line each, the location that names them and their newest ingestion time. */
    private record Encoded(String location, byte[] bytes, long newest) {}

    private static Encoded encode(String logGroup, List<CloudWatchEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an input holds at least one event");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 128);
        long newest = 0;
        MessageDigest ids;
        try {
            ids = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (CloudWatchEvent e : events) {
            byte[] message = e.message().getBytes(StandardCharsets.UTF_8);
            for (int j = 0; j < message.length; j++) {
                if (message[j] == '\n' || message[j] == '\r') {
                    message[j] = ' ';
                }
            }
            out.writeBytes(message);
            out.write('\n');
            newest = Math.max(newest, e.ingestionTime());
            ids.update(e.eventId().getBytes(StandardCharsets.UTF_8));
            ids.update((byte) 0);
        }
        CloudWatchEvent first = events.get(0);
        String location = "cloudwatch:" + logGroup + "/" + first.logStream() + "@" + first.timestamp() + "#"
                + HexFormat.of().formatHex(ids.digest(), 0, 8);
        return new Encoded(location, out.toByteArray(), newest);
    }

    /** The log group the events are from. */
    public String logGroup() {
        return logGroup;
    }

    /** The number of events this input holds. */
    public int size() {
        return eventIds.length;
    }

    /** The id of the {@code i}th event. */
    public String eventId(int i) {
        return eventIds[i];
    }

    /** The time of the {@code i}th event (epoch ms). */
    public long timestamp(int i) {
        return timestamps[i];
    }

    /** The time of the newest event (epoch ms). */
    public long newestTimestamp() {
        long newest = Long.MIN_VALUE;
        for (long t : timestamps) {
            newest = Math.max(newest, t);
        }
        return newest;
    }

    @Override
    public List<String> lineStreams() {
        return Arrays.asList(streams);
    }
}
