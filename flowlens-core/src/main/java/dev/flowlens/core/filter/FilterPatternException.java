package dev.flowlens.core.filter;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** A filter pattern that cannot be read, with the 0-based position of the problem. */
public final class FilterPatternException extends FlowlensException {
    private static final long serialVersionUID = 1L;
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

    /** Two lines: the pattern, and a caret under the problem. */
    public String pointer() {
        return pattern + System.lineSeparator() + " ".repeat(Math.max(0, Math.min(position, pattern.length()))) + "^";
    }
}
