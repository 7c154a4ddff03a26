package dev.flowlens.core.error;

/**
 * A place in a text the user typed (a query, a filter pattern, a time): 1-based line and column and
 * the 0-based character offset they stand for.
 */
public record SourceLocation(int line, int column, int offset) {
    public SourceLocation {
        if (line < 1 || column < 1 || offset < 0) {
            throw new IllegalArgumentException("line " + line + ", column " + column + ", offset " + offset);
        }
    }

    /** The location of {@code offset} in {@code text}; an offset outside the text is moved to its nearest end. */
    public static SourceLocation of(String text, int offset) {
        String s = text == null ? "" : text;
        int off = Math.max(0, Math.min(offset, s.length()));
        int lineStart = s.lastIndexOf('\n', off - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return new SourceLocation(line, off - lineStart + 1, off);
    }

    /** {@code line L, column C}, as messages name the place. */
    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
