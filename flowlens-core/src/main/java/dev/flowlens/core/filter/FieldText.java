package dev.flowlens.core.filter;

import java.math.BigDecimal;

/**
 * The text rules a filter pattern applies to one field of a message: what counts as a number,
 * how {@code *} wildcards match. Shared by the reference matcher and the compiled predicates so
 * both read values the same way.
 */
public final class FieldText {
    /** How an absent value is written in a message. */
    public static final String ABSENT = "-";

    private FieldText() {}

    /**
     * A number as filter patterns compare them: an optional minus, 1-18 digits, optionally a dot
     * and 1-9 digits ({@code 22}, {@code -1}, {@code 0.5}).
     */
    public static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 18) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int fraction = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            fraction++;
        }
        return i == n && fraction >= 1 && fraction <= 9;
    }

    /** The number of {@code s}, or null when {@link #isNumber} is false. */
    public static BigDecimal number(String s) {
        return isNumber(s) ? new BigDecimal(s) : null;
    }

    /** Whether {@code text} matches {@code pattern} where {@code *} stands for any run of characters. */
    public static boolean globMatches(String pattern, String text) {
        // classic two-pointer wildcard match with backtracking to the last star
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
