package dev.flowlens.sources.cloudwatch;

import dev.flowlens.sources.input.InputFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * this set of events.
 */
public final class CloudWatchInput implements InputFile {
    private final String logGroup;
    private final String location;
    private final byte[] bytes;
    private final long lastModified;
    /** The events' ids, times and streams (what the journal and the reader need); the messages are in {@code bytes}. */
    private final String[] eventIds;

    private final long[] timestamps;
    private final String[] streams;

    public CloudWatchInput(String logGroup, List<CloudWatchEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an input holds at least one event");
        }
        this.logGroup = logGroup;
        int n = events.size();
        this.eventIds = new String[n];
        this.timestamps = new long[n];
        this.streams = new String[n];
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 128);
        long newest = 0;
        MessageDigest ids;
        try {
            ids = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < n; i++) {
            CloudWatchEvent e = events.get(i);
            eventIds[i] = e.eventId();
            timestamps[i] = e.timestamp();
            streams[i] = e.logStream();
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
        this.bytes = out.toByteArray();
        this.lastModified = newest;
        CloudWatchEvent first = events.get(0);
        this.location = "cloudwatch:" + logGroup + "/" + first.logStream() + "@" + first.timestamp() + "#"
                + HexFormat.of().formatHex(ids.digest(), 0, 8);
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
