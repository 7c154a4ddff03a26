package dev.flowlens.spark;

import dev.flowlens.core.net.Ipv4;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark's text values of a task's recurring texts (interfaces, actions, accounts, dates) and IPv4
 * addresses, made once and handed out again: flow logs repeat a few thousand values across millions
 * of records. Direct-mapped: a value that meets another in its slot replaces it.
 */
final class Utf8Texts {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;

    private final String[] textKeys = new String[SIZE];
    private final UTF8String[] texts = new UTF8String[SIZE];
    private final long[] addressKeys = new long[SIZE];
    private final UTF8String[] addresses = new UTF8String[SIZE];

    /** The UTF-8 value of a text, null for null. */
    UTF8String of(String text) {
        if (text == null) {
            return null;
        }
        int slot = text.hashCode() & (SIZE - 1);
        String key = textKeys[slot];
        if (key == text || text.equals(key)) {
            return texts[slot];
        }
        UTF8String value = UTF8String.fromString(text);
        textKeys[slot] = text;
        texts[slot] = value;
        return value;
    }

    /** The dotted text of an IPv4 address given as its number. */
    UTF8String ipv4(long address) {
        int slot = (int) ((address * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - BITS));
        UTF8String value = addresses[slot];
        if (value != null && addressKeys[slot] == address) {
            return value;
        }
        value = UTF8String.fromString(Ipv4.toText(address));
        addressKeys[slot] = address;
        addresses[slot] = value;
        return value;
    }
}
