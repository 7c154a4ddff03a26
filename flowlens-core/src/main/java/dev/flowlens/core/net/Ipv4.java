package dev.flowlens.core.net;

/**
 * IPv4 addresses as unsigned 32-bit numbers (held in a {@code long}), the form the store keeps
 * them in: four bytes instead of up to fifteen characters, compared and range-checked as numbers.
 * Only the canonical dotted quad (no leading zeros, each part 0-255) converts, so text and number
 * convert back and forth unchanged; any other spelling stays text.
 */
public final class Ipv4 {
    private Ipv4() {}

    /** The number of a canonical dotted quad in {@code b[s, e)}, or -1. */
    public static long parse(byte[] b, int s, int e) {
        if (e - s < 7 || e - s > 15) {
            return -1;
        }
        long value = 0;
        int k = s;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (k == e || b[k] != '.') {
                    return -1;
                }
                k++;
            }
            int start = k;
            int v = 0;
            while (k < e && k - start < 4) {
                int d = b[k] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
                k++;
            }
            int digits = k - start;
            if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && b[start] == '0')) {
                return -1; // no digit, too many, out of range, or a leading zero
            }
            value = (value << 8) | v;
        }
        return k == e ? value : -1;
    }

    /** The number of a canonical dotted quad, or -1. */
    public static long parse(String text) {
        int n = text.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 127) {
                return -1;
            }
            b[i] = (byte) c;
        }
        return parse(b, 0, n);
    }

    /** The canonical dotted quad of a number in 0..2^32-1. */
    public static String toText(long value) {
        return ((value >>> 24) & 255) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "."
                + (value & 255);
    }
}
