package dev.flowlens.core.filter;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** A filter pattern that cannot be read, with the 0-based position of the problem. */
public final class FilterPatternException extends FlowlensException {
    private static final long serialVersionUID = 1L;
    /** Characters of a long pattern shown either side of the problem. */
    private static final int WINDOW = 60;
    private final String pattern;
    private final int position;

    public FilterPatternException(String pattern, int position, String problem) {
        super(ErrorCode.INVALID_FILTER_PATTERN, "filter pattern error at position " + (position + 1) + ": " + problem);
        this.pattern = pattern;
        this.position = position;
    }

    public String pattern() {
        return pattern;
    }

    /** 0-based offset of the problem in {@link #pattern()}. */
    public int position() {
        return position;
    }

    /**
     * Two lines: the pattern, and a caret under the problem. Of a long pattern, only the
     * {@value #WINDOW} characters either side of the problem, with {@code ...} where it is cut.
     */
    public String pointer() {
        int at = Math.max(0, Math.min(position, pattern.length()));
        int from = Math.max(0, at - WINDOW);
        int to = Math.min(pattern.length(), at + WINDOW);
        String prefix = from > 0 ? "..." : "";
        String shown = prefix + pattern.substring(from, to) + (to < pattern.length() ? "..." : "");
        return shown + System.lineSeparator() + " ".repeat(prefix.length() + at - from) + "^";
    }
}
