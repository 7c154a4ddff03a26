package dev.flowlens.store.ingest;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.duckdb.DuckDBWritableVector;

/**
 * Direct access to the data and validity buffers of a DuckDB output vector. The public setters of
 * {@link DuckDBWritableVector} lock and unlock a lock per value to mark it valid, which took a
 * quarter of ingest's CPU time; the buffers themselves are plain native-order memory (values at
 * {@code row * width}, validity as 64-bit words with a set bit for a valid row), so a whole vector is
 * written with plain puts and one validity word per 64 rows. Read through reflection from DuckDB
 * JDBC 2.0's private fields; when they are missing or not what is expected, {@link #data} returns
 * null and the caller uses the setters (same result, slower).
 */
final class VectorAccess {
    private static final Field DATA = field("data");
    private static final Field VALIDITY = field("validity");

    private VectorAccess() {}

    private static Field field(String name) {
        try {
            Field f = DuckDBWritableVector.class.getDeclaredField(name);
            if (f.getType() != ByteBuffer.class) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The vector's value buffer when it holds {@code rows} values of {@code width} bytes, else null. */
    static ByteBuffer data(DuckDBWritableVector v, int rows, int width) {
        ByteBuffer b = get(DATA, v);
        return b != null && b.capacity() >= rows * width ? b : null;
    }

    /** The vector's validity words when they cover {@code rows} rows, else null. */
    static ByteBuffer validity(DuckDBWritableVector v, int rows) {
        ByteBuffer b = get(VALIDITY, v);
        return b != null && b.capacity() >= ((rows + 63) / 64) * 8 ? b : null;
    }

    private static ByteBuffer get(Field f, DuckDBWritableVector v) {
        if (f == null) {
            return null;
        }
        try {
            return (ByteBuffer) f.get(v);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** Writes the validity of rows {@code [0, n)} from {@code nulls[from, from + n)}. */
    static void writeValidity(ByteBuffer validity, boolean[] nulls, int from, int n) {
        for (int w = 0; w * 64 < n; w++) {
            long word = -1L;
            int end = Math.min(64, n - w * 64);
            for (int i = 0; i < end; i++) {
                if (nulls[from + w * 64 + i]) {
                    word &= ~(1L << i);
                }
            }
            validity.putLong(w * 8, word);
        }
    }
}
