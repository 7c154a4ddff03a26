package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** Errors that point into the query text: line, column and a caret under the spot. */
public final class QueryErrors {
    private QueryErrors() {
    }

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
        String text = query.substring(lineStart, lineEnd).replace('\t', ' ');
        String msg = message + " at line " + line + ", column " + column + "\n  " + text + "\n  " + " ".repeat(column - 1) + "^";
        return new FlowlensException(code, msg);
    }
}
