package dev.flowlens.store.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * One ingest's table function: {@code INSERT INTO flow_records SELECT * FROM <name>(token)} reads the
 * buffer a {@link RecordWriter} lent under that token, a vector of rows per call. Each ingest
 * registers a feed of its own under a name of its own, so nothing is shared between runs.
 */
final class RecordFeed {
    private final String name = "flowlens_feed_" + UUID.randomUUID().toString().replace("-", "");
    private final boolean direct;
    private final AtomicLong tokens = new AtomicLong();
    /** The buffers being inserted, by the token their INSERT names; read by DuckDB's threads. */
    private final Map<Long, RecordWriter.Buffer> feeding = new ConcurrentHashMap<>();

    /** {@code direct}: numbers go straight into DuckDB's vector buffers ({@link VectorAccess}); false uses the setters. */
    RecordFeed(boolean direct) {
        this.direct = direct;
    }

    /** Registers the function with the database of {@code connection}, for the writers of all its connections. */
    void register(DuckDBConnection connection) throws SQLException {
        DuckDBFunctions.tableFunction()
                .withName(name)
                .withParameter(Long.class)
                .withFunction(new Feed())
                .register(connection);
    }

    String name() {
        return name;
    }

    /** Lends a buffer to the next INSERT; returns its token. */
    long lend(RecordWriter.Buffer buffer) {
        long token = tokens.incrementAndGet();
        feeding.put(token, buffer);
        return token;
    }

    void giveBack(long token) {
        feeding.remove(token);
    }

    /** The table function: the buffer a token names, a vector of rows per call, on one DuckDB thread. */
    private final class Feed implements DuckDBTableFunction<RecordWriter.Buffer, int[], Object> {
        private static final DuckDBColumnType[] TYPES = {
            DuckDBColumnType.INTEGER, DuckDBColumnType.BIGINT, DuckDBColumnType.UINTEGER, DuckDBColumnType.VARCHAR
        };

        @Override
        public RecordWriter.Buffer bind(DuckDBTableFunctionBindInfo info) {
            RecordWriter.Buffer b = feeding.get(info.getParameter(0).getLong());
            if (b == null) {
                throw new IllegalStateException(name + " is Flowlens's ingest feed, called only by ingest");
            }
            for (int c = 0; c < b.kinds.length; c++) {
                info.addResultColumn(b.columns.get(c), TYPES[b.kinds[c]]);
            }
            info.setCardinality(b.rows, true);
            return b;
        }

        @Override
        public int[] init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new int[1];
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
            RecordWriter.Buffer b = info.getBindData();
            int[] next = info.getInitData();
            int from = next[0];
            int n = (int) Math.min(out.capacity(), b.rows - from);
            if (n <= 0) {
                return 0;
            }
            for (int c = 0; c < b.kinds.length; c++) {
                DuckDBWritableVector v = out.vector(c);
                byte kind = b.kinds[c];
                if (kind == RecordWriter.K_TEXT) {
                    writeTexts(v, b, c, from, n);
                } else if (!direct || !writeDirect(v, kind, b.numbers[c], b.nulls[c], from, n)) {
                    writeWithSetters(v, kind, b.numbers[c], b.nulls[c], from, n);
                }
            }
            next[0] = from + n;
            return n;
        }

        /** Numbers straight into the vector's buffers; false when they are not reachable. */
        private static boolean writeDirect(
                DuckDBWritableVector v, byte kind, long[] nums, boolean[] nulls, int from, int n) {
            int width = kind == RecordWriter.K_LONG ? 8 : 4;
            ByteBuffer data = VectorAccess.data(v, n, width);
            ByteBuffer validity = data == null ? null : VectorAccess.validity(v, n);
            if (validity == null) {
                return false;
            }
            if (width == 8) {
                for (int r = 0; r < n; r++) {
                    data.putLong(r * 8, nums[from + r]);
                }
            } else {
                for (int r = 0; r < n; r++) {
                    data.putInt(r * 4, (int) nums[from + r]); // UINTEGER: the same 32 bits
                }
            }
            VectorAccess.writeValidity(validity, nulls, from, n);
            return true;
        }

        private static void writeWithSetters(
                DuckDBWritableVector v, byte kind, long[] nums, boolean[] nulls, int from, int n) {
            for (int r = 0; r < n; r++) {
                if (nulls[from + r]) {
                    v.setNull(r);
                } else if (kind == RecordWriter.K_INT) {
                    v.setInt(r, (int) nums[from + r]);
                } else if (kind == RecordWriter.K_LONG) {
                    v.setLong(r, nums[from + r]);
                } else {
                    v.setUint32(r, nums[from + r]);
                }
            }
        }

        /** Text in one native call per vector; each distinct text encoded once per buffer. */
        private void writeTexts(DuckDBWritableVector v, RecordWriter.Buffer b, int c, int from, int n) {
            String[] texts = b.texts[c];
            boolean[] nulls = b.nulls[c];
            byte[][] bytes = new byte[n][];
            for (int r = 0; r < n; r++) {
                String t = texts[from + r];
                if (t != null) {
                    byte[] e = b.utf8.get(t);
                    if (e == null) {
                        e = t.getBytes(StandardCharsets.UTF_8);
                        b.utf8.put(t, e);
                    }
                    bytes[r] = e;
                }
            }
            v.setStringUtf8Batch(0, bytes);
            ByteBuffer validity = direct ? VectorAccess.validity(v, n) : null;
            if (validity != null) {
                VectorAccess.writeValidity(validity, nulls, from, n);
            } else {
                for (int r = 0; r < n; r++) {
                    if (nulls[from + r]) {
                        v.setNull(r);
                    }
                }
            }
        }
    }
}
