package dev.flowlens.cli.output;

/**
 * Text for a terminal: control characters that a log line may carry (ESC sequences that recolour,
 * move the cursor or retitle the window, CR that overwrites, BEL, the rest of C0 and C1, DEL) and
 * the Unicode bidirectional controls that reorder what is shown are written as escapes:
 * {@code \x1b}, {@code \r}, {@code \n}, {@code \t}, and a backslash-u escape for U+202E and the like.
 * Everything else is shown as is (a backslash too). JSON and CSV output keep values exact instead.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {}

    /** Whether {@code c} is shown escaped. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c);
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028'
                || c == '\u2029';
    }

    /**
     * A multi-line message for a terminal: each line escaped, the line breaks kept (a message that
     * points into a query puts a caret on a line of its own).
     */
    public static String escapeLines(String text) {
        if (text == null || text.indexOf('\n') < 0) {
            return escape(text);
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return b.append(escape(text.substring(start))).toString();
            }
            b.append(escape(text.substring(start, nl))).append('\n');
            start = nl + 1;
        }
    }

    /** {@code text} with its control characters escaped; the same string when it has none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c <= 0xff) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                b.append("\\u")
                        .append(HEX[c >> 12])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }
}
