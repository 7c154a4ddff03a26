package dev.flowlens.core.insights;

/** A token of the query text. {@code text} is the value for strings and regexes (without quotes). */
public record Token(Kind kind, String text, int offset) {
    public enum Kind {
        IDENT,
        QUOTED_IDENT,
        STRING,
        REGEX,
        NUMBER,
        DURATION,
        SYMBOL,
        END
    }

    public boolean is(Kind k, String t) {
        return kind == k && text.equalsIgnoreCase(t);
    }

    public boolean isSymbol(String t) {
        return kind == Kind.SYMBOL && text.equals(t);
    }

    public boolean isWord(String t) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(t);
    }

    public String describe() {
        return switch (kind) {
            case END -> "the end of the query";
            case STRING -> "string \"" + text + "\"";
            case REGEX -> "regular expression /" + text + "/";
            case IDENT, QUOTED_IDENT, NUMBER, DURATION, SYMBOL -> "'" + text + "'";
        };
    }
}
