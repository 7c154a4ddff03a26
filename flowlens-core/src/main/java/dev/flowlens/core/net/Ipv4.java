package dev.flowlens.core.net;

/**
 * IPv4 addresses as unsigned 32-bit numbers (held in a {@code long}), the form the store keeps
 * them in: four bytes instead of up to fifteen characters, compared and range-checked as numbers.
 * Only the canonical dotted quad (no leading zeros, each part 0-255) converts, so text and number
 * convert back and forth unchanged; any other spelling stays text.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The number of a canonical dotted quad in {@code b[s, e)}, or -1. */
    public static long parse(byte[] b, int s, int e) {
        long value = 0;
        int parts = 0;
        int part = 0;
        int digits = 0;
        for (int k = s; k <= e; k++) {
            if (k == e || b[k] == '.') {
                if (digits == 0 || part > 255) {
                    return -1;
                }
                value = (value << 8) | part;
                parts++;
                part = 0;
                digits = 0;
            } else {
                int d = b[k] - '0';
                if (d < 0 || d > 9 || (digits == 1 && part == 0) || ++digits > 3) {
                    return -1; // not a digit, a leading zero, or more than three digits
                }
                part = part * 10 + d;
            }
        }
        return parts == 4 ? value : -1;
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
        return ((value >>> 24) & 255) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "." + (value & 255);
    }
}
