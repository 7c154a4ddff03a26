package dev.flowlens.core.parse;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.net.Ipv4;
import dev.flowlens.core.record.RecordBatch;
import dev.flowlens.core.time.TimeParser;
import java.nio.charset.StandardCharsets;

/**
 * The hot parser: a format compiled once into a table of field kinds, then each line scanned as
 * bytes with offsets. Fields are separated by runs of spaces (or tabs); {@code -} is absent;
 * numbers are parsed straight into longs, IPv4 addresses into their 32-bit number; epoch values written in milli-, micro- or nanoseconds become seconds.
 * No regex, no split, no per-record allocation beyond the text values the cache misses.
 */
public final class LineParser {
    /** Epoch values at or above this are milli-, micro- or nanoseconds (year 5138 in seconds). */
    static final long MILLIS_THRESHOLD = TimeParser.SUBSECOND_THRESHOLD;

    private static final byte KIND_INT = 0;
    private static final byte KIND_LONG = 1;
    private static final byte KIND_EPOCH = 2;
    private static final byte KIND_ADDRESS = 3;
    private static final byte KIND_TEXT = 4;
    private static final byte KIND_PORT = 5;
    private static final byte KIND_PROTOCOL = 6;

    private final FlowFormat format;
    private final byte[] kinds;
    private final String[] names;
    private final TextCache cache;

    public LineParser(FlowFormat format) {
        this(format, new TextCache(1 << 14));
    }

    public LineParser(FlowFormat format, TextCache cache) {
        this.format = format;
        this.cache = cache;
        int n = format.size();
        this.kinds = new byte[n];
        this.names = new String[n];
        for (int i = 0; i < n; i++) {
            FormatField f = format.get(i);
            names[i] = f.name();
            kinds[i] = kindOf(f);
        }
    }

    private static byte kindOf(FormatField f) {
        if (!f.isKnown()) {
            return KIND_TEXT;
        }
        FlowField field = f.field();
        if (field == FlowField.SRCPORT || field == FlowField.DSTPORT) {
            return KIND_PORT;
        }
        if (field == FlowField.PROTOCOL) {
            return KIND_PROTOCOL;
        }
        FieldType t = field.type();
        return switch (t) {
            case INT -> KIND_INT;
            case LONG -> KIND_LONG;
            case EPOCH_SECONDS -> KIND_EPOCH;
            case ADDRESS -> KIND_ADDRESS;
            case TEXT -> KIND_TEXT;
        };
    }

    public FlowFormat format() {
        return format;
    }

    /**
     * Parses {@code b[start, end)} (one line, without its line break) into the next row of
     * {@code batch}. Returns null when the row is complete (the caller commits it), or the problem
     * (without file and line; the caller locates it).
     */
    public ParseProblem parse(byte[] b, int start, int end, RecordBatch batch) {
        int n = kinds.length;
        int i = start;
        int col = 0;
        while (true) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int tokenStart = i;
            while (i < end && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
            if (col >= n) {
                return countProblem(b, start, end);
            }
            ParseProblem p = readField(col, b, tokenStart, i, batch);
            if (p != null) {
                // a line with the wrong number of fields says so first: that is the likelier cause
                return tokenCount(b, start, end) == n ? p : countProblem(b, start, end);
            }
            col++;
        }
        if (col < n) {
            return countProblem(b, start, end);
        }
        return null;
    }

    private ParseProblem readField(int col, byte[] b, int s, int e, RecordBatch batch) {
        if (e - s == 1 && b[s] == '-') {
            batch.setNull(col);
            return null;
        }
        switch (kinds[col]) {
            case KIND_TEXT:
                batch.setText(col, cache.get(b, s, e));
                return null;
            case KIND_ADDRESS:
                long v4 = Ipv4.parse(b, s, e);
                if (v4 >= 0) {
                    batch.setIpv4(col, v4);
                    return null;
                }
                if (!isAddress(b, s, e)) {
                    return problem(col, "not an IPv4 or IPv6 address", b, s, e);
                }
                batch.setText(col, cache.get(b, s, e));
                return null;
            default:
                break;
        }
        long v = 0;
        int len = e - s;
        if (len > 19) {
            return problem(col, "number too large", b, s, e);
        }
        for (int k = s; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return problem(col, "not a whole number", b, s, e);
            }
            v = v * 10 + d;
        }
        if (v < 0) {
            // 19 digits beyond Long.MAX_VALUE wrap to a negative value (never positive: 10^19 < 2^64)
            return problem(col, "number too large", b, s, e);
        }
        switch (kinds[col]) {
            case KIND_PORT:
                if (v > 65535) {
                    return problem(col, "port out of range 0-65535", b, s, e);
                }
                break;
            case KIND_PROTOCOL: // producers write numbers beyond 255 (flowlogs-reader's 8080); kept as logged
            case KIND_INT:
                if (v > Integer.MAX_VALUE) {
                    return problem(col, "number too large for a 32-bit field", b, s, e);
                }
                break;
            case KIND_EPOCH:
                if (v >= MILLIS_THRESHOLD) {
                    v = TimeParser.epochSeconds(v); // milli-, micro- or nanoseconds
                }
                break;
            default:
                break;
        }
        batch.setNumber(col, v);
        return null;
    }

    /** IPv4 dotted quad, or IPv6 (hex groups, colons, optional embedded IPv4). */
    static boolean isAddress(byte[] b, int s, int e) {
        boolean colon = false;
        for (int k = s; k < e; k++) {
            if (b[k] == ':') {
                colon = true;
                break;
            }
        }
        return colon ? isIpv6(b, s, e) : isIpv4(b, s, e);
    }

    private static boolean isIpv4(byte[] b, int s, int e) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int k = s; k <= e; k++) {
            if (k == e || b[k] == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = 0;
                digits = 0;
            } else {
                int d = b[k] - '0';
                if (d < 0 || d > 9 || ++digits > 3) {
                    return false;
                }
                value = value * 10 + d;
            }
        }
        return parts == 4;
    }

    private static boolean isIpv6(byte[] b, int s, int e) {
        if (e - s > 45) {
            return false;
        }
        int colons = 0;
        int groupLength = 0;
        int lastColon = -1;
        for (int k = s; k < e; k++) {
            byte c = b[k];
            if (c == ':') {
                colons++;
                groupLength = 0;
                lastColon = k;
            } else if (c == '.') {
                // embedded IPv4 in the last group
                return colons >= 2 && isIpv4(b, lastColon + 1, e);
            } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                if (++groupLength > 4) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return colons >= 2 && colons <= 7;
    }

    private ParseProblem problem(int col, String reason, byte[] b, int s, int e) {
        return new ParseProblem(null, 0, names[col], reason, new String(b, s, e - s, StandardCharsets.UTF_8));
    }

    private ParseProblem countProblem(byte[] b, int start, int end) {
        return new ParseProblem(
                null,
                0,
                null,
                "expected " + kinds.length + " fields, found " + tokenCount(b, start, end),
                new String(b, start, end - start, StandardCharsets.UTF_8));
    }

    private static int tokenCount(byte[] b, int start, int end) {
        int count = 0;
        int i = start;
        while (i < end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i < end) {
                count++;
            }
            while (i < end && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
        }
        return count;
    }
}
