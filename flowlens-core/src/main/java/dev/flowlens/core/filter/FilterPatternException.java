package dev.flowlens.core.filter;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;

/**
 * A filter pattern that cannot be read: the pattern, the place of the problem and the problem as
 * fields ({@link ParsingException}); the message names the 1-based position.
 */
public final class FilterPatternException extends ParsingException {
    private static final long serialVersionUID = 1L;

    public FilterPatternException(String pattern, int position, String problem) {
        super(
                ErrorCode.INVALID_FILTER_PATTERN,
                pattern,
                position,
                problem,
                "filter pattern error at position " + (Math.max(0, Math.min(position, pattern.length())) + 1) + ": "
                        + problem);
    }

    public String pattern() {
        return source();
    }

    /** 0-based offset of the problem in {@link #pattern()}. */
    public int position() {
        return location().offset();
    }
}
