package dev.flowlens.core.error;

import java.util.Objects;

/**
 * A text the user typed that cannot be read, with the place of the problem kept as data (as Trino's
 * {@code ParsingException} keeps line and column): the text, its {@link SourceLocation} and the
 * problem alone. The message is formatted from them, and {@link #pointer(String, String)} draws the
 * line with a caret under the place, for every parser the same way.
 */
public class ParsingException extends FlowlensException {
    private static final long serialVersionUID = 1L;
    /** Characters of a long line shown either side of the place. */
    public static final int WINDOW = 60;

    private final String source;
    private final SourceLocation location;
    private final String problem;

    /**
     * The problem at {@code offset} of {@code source}; the message is the problem, the place
     * ({@code at line L, column C}) and, indented on two more lines, the {@link #pointer() pointer}.
     */
    public ParsingException(ErrorCode code, String source, int offset, String problem) {
        this(code, source, SourceLocation.of(source, offset), problem, null);
    }

    /** For a subclass whose message has another form: {@code message} is formatted from the other arguments. */
    protected ParsingException(ErrorCode code, String source, int offset, String problem, String message) {
        this(code, source, SourceLocation.of(source, offset), problem, Objects.requireNonNull(message, "message"));
    }

    private ParsingException(ErrorCode code, String source, SourceLocation location, String problem, String message) {
        super(
                code,
                message != null ? message : problem + " at " + location + "\n" + pointer(source, location, "  ", "\n"));
        this.source = source == null ? "" : source;
        this.location = location;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The text that was read. */
    public String source() {
        return source;
    }

    public SourceLocation location() {
        return location;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }

    /** {@link #pointer(String, String)} with no indent, lines ending with the platform's separator. */
    public String pointer() {
        return pointer("", System.lineSeparator());
    }

    /**
     * Two lines, each after {@code indent}: the line of the text with the problem, and a caret under
     * the place. Of a long line only the {@value #WINDOW} characters either side of the place are
     * shown, with {@code ...} where it is cut; tabs are shown as spaces so the caret stays in place.
     */
    public String pointer(String indent, String newline) {
        return pointer(source, location, indent, newline);
    }

    private static String pointer(String text, SourceLocation at, String indent, String newline) {
        String s = text == null ? "" : text;
        int off = at.offset();
        int lineStart = off - (at.column() - 1);
        int lineEnd = s.indexOf('\n', off);
        if (lineEnd < 0) {
            lineEnd = s.length();
        }
        int from = Math.max(lineStart, off - WINDOW);
        int to = Math.min(lineEnd, off + WINDOW);
        String prefix = from > lineStart ? "..." : "";
        String shown = prefix + s.substring(from, to).replace('\t', ' ') + (to < lineEnd ? "..." : "");
        return indent + shown + newline + indent + " ".repeat(prefix.length() + off - from) + "^";
    }
}
