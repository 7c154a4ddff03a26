package dev.flowlens.core.record;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.net.Ipv4;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of parsed records of one format, stored by column: numbers in {@code long[]}, text in
 * {@code String[]}, absent values ({@code -}) flagged null. An address column holds both: a
 * canonical dotted-quad IPv4 address as its 32-bit number (text null), any other address (IPv6) as
 * text. Reused across batches to keep the hot path free of allocation; not thread-safe.
 */
public final class RecordBatch {
    private final FlowFormat format;
    private final int capacity;
    private final long[][] numbers;
    private final String[][] texts;
    private final boolean[][] nulls;
    private final long[] lines;
    private final String[] logStreams;
    private int size;

    public RecordBatch(FlowFormat format, int capacity) {
        this.format = format;
        this.capacity = capacity;
        int n = format.size();
        this.numbers = new long[n][];
        this.texts = new String[n][];
        this.nulls = new boolean[n][];
        for (int i = 0; i < n; i++) {
            FormatField f = format.get(i);
            if (f.isKnown() && f.field().isNumeric()) {
                numbers[i] = new long[capacity];
            } else if (f.isKnown() && f.field().type() == FieldType.ADDRESS) {
                numbers[i] = new long[capacity];
                texts[i] = new String[capacity];
            } else {
                texts[i] = new String[capacity];
            }
            nulls[i] = new boolean[capacity];
        }
        this.lines = new long[capacity];
        this.logStreams = new String[capacity];
    }

    public FlowFormat format() {
        return format;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The row being written: the next one after {@link #size()}. */
    public int nextRow() {
        return size;
    }

    public void setNumber(int column, long value) {
        numbers[column][size] = value;
        nulls[column][size] = false;
    }

    /** An IPv4 address, as the unsigned 32-bit number of its canonical dotted quad. */
    public void setIpv4(int column, long value) {
        numbers[column][size] = value;
        texts[column][size] = null;
        nulls[column][size] = false;
    }

    public void setText(int column, String value) {
        texts[column][size] = value;
        nulls[column][size] = value == null;
    }

    public void setNull(int column) {
        nulls[column][size] = true;
        if (texts[column] != null) {
            texts[column][size] = null;
        }
    }

    /** Completes the row being written, from the given line of the source, with its log stream. */
    public void commitRow(long line, String logStream) {
        lines[size] = line;
        logStreams[size] = logStream;
        size++;
    }

    public void clear() {
        size = 0;
        for (String[] t : texts) {
            if (t != null) {
                Arrays.fill(t, null);
            }
        }
        Arrays.fill(logStreams, null);
    }

    public boolean isNull(int column, int row) {
        return nulls[column][row];
    }

    public long number(int column, int row) {
        return numbers[column][row];
    }

    public String text(int column, int row) {
        return texts[column][row];
    }

    public long line(int row) {
        return lines[row];
    }

    public String logStream(int row) {
        return logStreams[row];
    }

    /** True when an address column holds an IPv4 number at this row ({@link #number}); else text or null. */
    public boolean isIpv4(int column, int row) {
        return !nulls[column][row] && numbers[column] != null && texts[column] != null && texts[column][row] == null;
    }

    /** The value at a row as a Java object (Long, String or null; addresses as text), for tests and slow paths. */
    public Object value(int column, int row) {
        if (nulls[column][row]) {
            return null;
        }
        if (texts[column] != null) {
            return isIpv4(column, row) ? Ipv4.toText(numbers[column][row]) : texts[column][row];
        }
        return numbers[column][row];
    }

    /** The column index of a known field in this batch's format, or -1. */
    public int columnOf(FlowField field) {
        for (int i = 0; i < format.size(); i++) {
            if (format.get(i).field() == field) {
                return i;
            }
        }
        return -1;
    }

    /** Column types by position, for building a store table of this format. */
    public List<FieldType> columnTypes() {
        List<FieldType> types = new ArrayList<>();
        for (FormatField f : format.fields()) {
            types.add(f.isKnown() ? f.field().type() : FieldType.TEXT);
        }
        return types;
    }
}
