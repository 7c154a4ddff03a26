package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Logs Insights query into tokens. A slash starts a regular expression where an operand
 * is expected (after {@code like}, {@code =~}, an operator, an opening bracket or comma, or the
 * source of {@code parse}); elsewhere it is division. {@code #} starts a comment to the end of line.
 * A query has at most {@value #MAX_LENGTH} characters and {@value #MAX_TOKENS} tokens.
 */
public final class Lexer {
    /** The longest query read, in characters. */
    public static final int MAX_LENGTH = 65_536;
    /** The most tokens in one query (the end of the query not counted). */
    public static final int MAX_TOKENS = 10_000;

    private static final String SYMBOLS2 = "!= <= >= =~";
    private final String q;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String q) {
        this.q = q;
    }

    public static List<Token> tokenize(String query) {
        if (query.length() > MAX_LENGTH) {
            throw new ParsingException(
                    ErrorCode.INVALID_QUERY,
                    query,
                    MAX_LENGTH,
                    "the query is " + query.length() + " characters long; at most " + MAX_LENGTH + " are read");
        }
        Lexer l = new Lexer(query);
        l.run();
        return l.out;
    }

    private void run() {
        while (true) {
            skipSpace();
            if (pos >= q.length()) {
                out.add(new Token(Token.Kind.END, "", q.length()));
                return;
            }
            char c = q.charAt(pos);
            int start = pos;
            if (out.size() == MAX_TOKENS) {
                throw new ParsingException(
                        ErrorCode.INVALID_QUERY,
                        q,
                        start,
                        "more than " + MAX_TOKENS + " tokens (words, values and symbols)");
            }
            if (c == '"' || c == '\'') {
                out.add(new Token(Token.Kind.STRING, quoted(c), start));
            } else if (c == '`') {
                out.add(new Token(Token.Kind.QUOTED_IDENT, quoted('`'), start));
            } else if (c == '/' && regexAllowed()) {
                out.add(new Token(Token.Kind.REGEX, quoted('/'), start));
            } else if (Character.isDigit(c)
                    || (c == '.' && pos + 1 < q.length() && Character.isDigit(q.charAt(pos + 1)))) {
                number(start);
            } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '$') {
                while (pos < q.length()
                        && (Character.isLetterOrDigit(q.charAt(pos)) || "_@.$".indexOf(q.charAt(pos)) >= 0)) {
                    pos++;
                }
                out.add(new Token(Token.Kind.IDENT, q.substring(start, pos), start));
            } else if (pos + 1 < q.length()
                    && SYMBOLS2.contains(q.substring(pos, pos + 2))
                    && q.substring(pos, pos + 2).trim().length() == 2) {
                out.add(new Token(Token.Kind.SYMBOL, q.substring(pos, pos + 2), start));
                pos += 2;
            } else if ("|,()[]=<>+-*/%^".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start));
                pos++;
            } else {
                throw new ParsingException(ErrorCode.INVALID_QUERY, q, start, "unexpected character '" + c + "'");
            }
        }
    }

    private void skipSpace() {
        while (pos < q.length()) {
            char c = q.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < q.length() && q.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean regexAllowed() {
        if (out.isEmpty()) {
            return true;
        }
        Token prev = out.get(out.size() - 1);
        if (prev.kind() == Token.Kind.SYMBOL) {
            return !prev.text().equals(")") && !prev.text().equals("]");
        }
        if (prev.kind() == Token.Kind.IDENT) {
            String t = prev.text().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("like") || t.equals("and") || t.equals("or") || t.equals("not") || t.equals("in")) {
                return true;
            }
            // parse <field> /regex/
            return out.size() >= 2 && out.get(out.size() - 2).isWord("parse");
        }
        return prev.kind() == Token.Kind.QUOTED_IDENT
                && out.size() >= 2
                && out.get(out.size() - 2).isWord("parse");
    }

    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < q.length()) {
            char c = q.charAt(pos);
            if (c == quote) {
                pos++;
                return b.toString();
            }
            if (c == '\\' && pos + 1 < q.length()) {
                char n = q.charAt(pos + 1);
                if (quote == '/') {
                    // keep escapes for the regex engine, except an escaped slash
                    if (n != '/') {
                        b.append('\\');
                    }
                    b.append(n);
                } else if (n == 'n') {
                    b.append('\n');
                } else if (n == 't') {
                    b.append('\t');
                } else {
                    b.append(n);
                }
                pos += 2;
                continue;
            }
            b.append(c);
            pos++;
        }
        String what = quote == '/' ? "regular expression" : quote == '`' ? "quoted field name" : "string";
        throw new ParsingException(
                ErrorCode.INVALID_QUERY, q, start, "unterminated " + what + ": add the closing " + quote);
    }

    private void number(int start) {
        while (pos < q.length() && (Character.isDigit(q.charAt(pos)) || q.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < q.length()
                && (q.charAt(pos) == 'e' || q.charAt(pos) == 'E')
                && pos + 1 < q.length()
                && (Character.isDigit(q.charAt(pos + 1)) || q.charAt(pos + 1) == '-')) {
            pos += 2;
            while (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                pos++;
            }
        }
        int numEnd = pos;
        while (pos < q.length() && Character.isLetter(q.charAt(pos))) {
            pos++;
        }
        if (pos > numEnd) {
            out.add(new Token(Token.Kind.DURATION, q.substring(start, pos), start));
        } else {
            out.add(new Token(Token.Kind.NUMBER, q.substring(start, pos), start));
        }
    }
}
