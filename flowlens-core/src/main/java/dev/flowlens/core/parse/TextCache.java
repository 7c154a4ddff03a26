package dev.flowlens.core.parse;

import java.nio.charset.StandardCharsets;

/**
 * Turns byte ranges into Strings, returning the same String for the same bytes while it stays in
 * the table. Flow logs repeat most text values (interface, account, action, status, VPC, subnet,
 * and many addresses), so this saves most decoding and allocation. A direct-mapped table: a
 * collision replaces the entry; it is never wrong, only sometimes a miss.
 */
public final class TextCache {
    private static final int MAX_CACHED_LENGTH = 64;
    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    public TextCache(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        keys = new byte[sizePowerOfTwo][];
        values = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    public String get(byte[] b, int start, int end) {
        int len = end - start;
        if (len > MAX_CACHED_LENGTH) {
            return new String(b, start, len, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        byte[] k = keys[slot];
        if (k != null && k.length == len && equalRange(k, b, start)) {
            return values[slot];
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, start, copy, 0, len);
        String s = new String(copy, StandardCharsets.UTF_8);
        keys[slot] = copy;
        values[slot] = s;
        return s;
    }

    private static boolean equalRange(byte[] k, byte[] b, int start) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != b[start + i]) {
                return false;
            }
        }
        return true;
    }
}
