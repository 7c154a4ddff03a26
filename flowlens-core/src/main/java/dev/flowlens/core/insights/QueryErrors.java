package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** Errors that point into the query text: line, column and a caret under the spot. */
public final class QueryErrors {
    private QueryErrors() {
    }

    /** Characters of a long line shown before and after the spot. */
    private static final int WINDOW = 60;

    public static FlowlensException at(ErrorCode code, String query, int offset, String message) {
        int off = Math.max(0, Math.min(offset, query.length()));
        int lineStart = query.lastIndexOf('\n', off - 1) + 1;
        int lineEnd = query.indexOf('\n', off);
        if (lineEnd < 0) {
            lineEnd = query.length();
        }
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        int column = off - lineStart + 1;
        // a long line is cut to the part around the spot, so the message stays short
        int from = Math.max(lineStart, off - WINDOW);
        int to = Math.min(lineEnd, off + WINDOW);
        String prefix = from > lineStart ? "..." : "";
        String text = prefix + query.substring(from, to).replace('\t', ' ') + (to < lineEnd ? "..." : "");
        String msg = message + " at line " + line + ", column " + column + "\n  " + text + "\n  " + " ".repeat(prefix.length() + off - from) + "^";
        return new FlowlensException(code, msg);
    }
}
