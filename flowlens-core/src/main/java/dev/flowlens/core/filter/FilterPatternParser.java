package dev.flowlens.core.filter;

import dev.flowlens.core.filter.FilterPattern.And;
import dev.flowlens.core.filter.FilterPattern.Comparison;
import dev.flowlens.core.filter.FilterPattern.Condition;
import dev.flowlens.core.filter.FilterPattern.Operator;
import dev.flowlens.core.filter.FilterPattern.Or;
import dev.flowlens.core.filter.FilterPattern.Term;
import dev.flowlens.core.filter.FilterPattern.TermKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a CloudWatch Logs filter pattern (the unstructured and space-delimited forms).
 *
 * <pre>
 * pattern    := ws* ( terms | delimited )? ws*
 * terms      := term ( ws+ term )*
 * term       := ( '-' | '?' )? ( '"' chars '"' | bare )         bare: non-space characters
 * delimited  := '[' slot ( ',' slot )* ']'
 * slot       := '...' | or
 * or         := and ( '||' and )*
 * and        := primary ( '&&' primary )*
 * primary    := '(' or ')' | name ( op value )?                 op: = != &lt; &lt;= &gt; &gt;=
 * value      := '"' chars '"' | bare                            bare ends at space , ] ) &amp;&amp; ||
 * </pre>
 *
 * In a slot, the first name declares the field at that position; the names in its conditions may
 * be any field of the brackets. Inside quotes, {@code \"} and {@code \\} escape.
 * Errors are {@link FilterPatternException}s with the position.
 *
 * <p>Limits, far above what a person writes (CloudWatch itself takes 1,024 characters), so that a
 * generated or hostile pattern fails with a usage error rather than exhausting the stack or memory:
 * {@value #MAX_LENGTH} characters, {@value #MAX_TERMS} terms or comparisons, and parentheses nested
 * {@value #MAX_DEPTH} deep. A chain of {@code ||} or {@code &&} is grouped as a balanced tree (the
 * meaning does not depend on the grouping), so its depth grows with the logarithm of its length.
 */
public final class FilterPatternParser {
    /** The longest pattern read, in characters. */
    public static final int MAX_LENGTH = 65_536;
    /** The most terms (unstructured form) or comparisons (space-delimited form) in one pattern. */
    public static final int MAX_TERMS = 1_000;
    /** The deepest nesting of parentheses in the space-delimited form. */
    public static final int MAX_DEPTH = 64;

    private final String src;
    private int pos;
    private int depth;
    private int comparisons;

    private FilterPatternParser(String src) {
        this.src = src;
    }

    public static FilterPattern parse(String pattern) {
        if (pattern == null) {
            return new FilterPattern.MatchAll("");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new FilterPatternException(
                    pattern,
                    MAX_LENGTH,
                    "the pattern is " + pattern.length() + " characters long; at most " + MAX_LENGTH + " are read");
        }
        return new FilterPatternParser(pattern).parsePattern();
    }

    private FilterPattern parsePattern() {
        skipSpaces();
        if (pos == src.length()) {
            return new FilterPattern.MatchAll(src);
        }
        char c = src.charAt(pos);
        if (c == '[') {
            return parseDelimited();
        }
        if (c == '{') {
            throw error(
                    pos,
                    "JSON filter patterns ({ $.field = ... }) do not apply to flow log records: use terms or the [field, ...] form");
        }
        if (c == '%') {
            throw error(
                    pos,
                    "regular expression patterns (%...%) are not supported: use terms, quoted phrases or the [field, ...] form");
        }
        return parseTerms();
    }

    // ---- unstructured terms ----

    private FilterPattern parseTerms() {
        List<Term> terms = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos == src.length()) {
                break;
            }
            int start = pos;
            if (terms.size() == MAX_TERMS) {
                throw error(start, "more than " + MAX_TERMS + " terms");
            }
            TermKind kind = TermKind.REQUIRED;
            char c = src.charAt(pos);
            if (c == '-' || c == '?') {
                kind = c == '-' ? TermKind.EXCLUDED : TermKind.ANY_OF;
                pos++;
                if (pos == src.length() || Character.isWhitespace(src.charAt(pos))) {
                    throw error(
                            start,
                            "'" + c + "' must be followed by a term (write " + c + "word or " + c + "\"phrase\")");
                }
            }
            if (src.charAt(pos) == '"') {
                String text = quoted();
                terms.add(new Term(kind, text, true, start));
                if (pos < src.length() && !Character.isWhitespace(src.charAt(pos))) {
                    throw error(pos, "expected a space after the closing quote");
                }
            } else {
                int from = pos;
                while (pos < src.length() && !Character.isWhitespace(src.charAt(pos))) {
                    if (src.charAt(pos) == '"') {
                        throw error(pos, "a quote inside a term: put the whole term in double quotes");
                    }
                    pos++;
                }
                terms.add(new Term(kind, src.substring(from, pos), false, start));
            }
        }
        if (terms.size() == 1
                && terms.get(0).kind() == TermKind.REQUIRED
                && terms.get(0).text().isEmpty()) {
            return new FilterPattern.MatchAll(src);
        }
        return new FilterPattern.Terms(src, terms);
    }

    /** Reads {@code "..."} starting at the opening quote; returns the unescaped text. */
    private String quoted() {
        int open = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '\\')) {
                b.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == '"') {
                pos++;
                return b.toString();
            } else {
                b.append(c);
                pos++;
            }
        }
        throw error(open, "this quote is never closed");
    }

    // ---- space-delimited ----

    private record Slot(String name, int position, Condition condition) {}

    private FilterPattern parseDelimited() {
        int open = pos;
        pos++;
        List<Slot> slots = new ArrayList<>();
        int ellipsisAt = -1;
        int ellipsisIndex = -1;
        while (true) {
            skipSpaces();
            if (pos == src.length()) {
                throw error(open, "this '[' is never closed with ']'");
            }
            if (src.startsWith("...", pos)) {
                if (ellipsisAt >= 0) {
                    throw error(pos, "only one '...' is allowed (another one is at position " + (ellipsisAt + 1) + ")");
                }
                ellipsisAt = pos;
                ellipsisIndex = slots.size();
                pos += 3;
            } else if (src.charAt(pos) == ']' || src.charAt(pos) == ',') {
                throw error(
                        pos,
                        slots.isEmpty() && ellipsisAt < 0 && src.charAt(pos) == ']'
                                ? "name at least one field, e.g. [version, account, eni, source, destination, srcport, destport, ...]"
                                : "expected a field name or '...'");
            } else {
                if (slots.size() == MAX_TERMS) {
                    throw error(pos, "more than " + MAX_TERMS + " fields");
                }
                slots.add(parseSlot());
            }
            skipSpaces();
            if (pos == src.length()) {
                throw error(open, "this '[' is never closed with ']'");
            }
            char c = src.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == ']') {
                pos++;
                break;
            }
            throw error(pos, "expected ',' or ']'");
        }
        skipSpaces();
        if (pos < src.length()) {
            throw error(pos, "nothing may follow the closing ']'");
        }
        List<String> leading = new ArrayList<>();
        List<String> trailing = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (!names.add(s.name())) {
                throw error(s.position(), "field '" + s.name() + "' is named twice");
            }
            (ellipsisIndex >= 0 && i >= ellipsisIndex ? trailing : leading).add(s.name());
            if (s.condition() != null) {
                conditions.add(s.condition());
            }
        }
        for (Condition c : conditions) {
            checkNames(c, names);
        }
        return new FilterPattern.Delimited(src, leading, ellipsisAt >= 0, trailing, conditions);
    }

    private void checkNames(Condition c, Set<String> names) {
        if (c instanceof Comparison cmp) {
            if (!names.contains(cmp.field())) {
                throw error(cmp.position(), "field '" + cmp.field() + "' is not named in the brackets");
            }
        } else if (c instanceof And and) {
            checkNames(and.left(), names);
            checkNames(and.right(), names);
        } else if (c instanceof Or or) {
            checkNames(or.left(), names);
            checkNames(or.right(), names);
        }
    }

    private Slot parseSlot() {
        int start = pos;
        String name = peekName();
        if (name == null) {
            throw error(pos, "expected a field name (letters, digits, '_' or '-')");
        }
        skipSpaces();
        int afterName = pos + name.length();
        int save = pos;
        pos = afterName;
        skipSpaces();
        boolean bare = pos == src.length() || src.charAt(pos) == ',' || src.charAt(pos) == ']';
        pos = save;
        if (bare) {
            pos = afterName;
            return new Slot(name, start, null);
        }
        Condition c = parseOr();
        return new Slot(name, start, c);
    }

    private Condition parseOr() {
        return parseChain("||", false, this::parseAnd);
    }

    private Condition parseAnd() {
        return parseChain("&&", true, this::parsePrimary);
    }

    /** Operands read by {@code operand} separated by {@code operator}, as a {@link #balanced} tree. */
    private Condition parseChain(String operator, boolean and, Supplier<Condition> operand) {
        List<Condition> operands = new ArrayList<>();
        operands.add(operand.get());
        while (true) {
            skipSpaces();
            if (src.startsWith(operator, pos)) {
                pos += operator.length();
                operands.add(operand.get());
            } else {
                return balanced(operands, 0, operands.size(), and);
            }
        }
    }

    /** The operands {@code [from, to)} joined by {@code &&} or {@code ||}, halves first: depth log2(n). */
    private static Condition balanced(List<Condition> operands, int from, int to, boolean and) {
        if (to - from == 1) {
            return operands.get(from);
        }
        int mid = (from + to + 1) >>> 1;
        Condition left = balanced(operands, from, mid, and);
        Condition right = balanced(operands, mid, to, and);
        return and ? new And(left, right) : new Or(left, right);
    }

    private Condition parsePrimary() {
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '(') {
            int open = pos;
            if (depth == MAX_DEPTH) {
                throw error(open, "parentheses nested more than " + MAX_DEPTH + " deep");
            }
            pos++;
            depth++;
            Condition c = parseOr();
            depth--;
            skipSpaces();
            if (pos >= src.length() || src.charAt(pos) != ')') {
                throw error(pos < src.length() ? pos : open, "expected ')' to close the '(' at position " + (open + 1));
            }
            pos++;
            return c;
        }
        int namePos = pos;
        String name = peekName();
        if (name == null) {
            throw error(pos, "expected a field name");
        }
        if (comparisons == MAX_TERMS) {
            throw error(namePos, "more than " + MAX_TERMS + " comparisons");
        }
        comparisons++;
        pos += name.length();
        skipSpaces();
        int opPos = pos;
        Operator op = readOperator();
        if (op == null) {
            throw error(opPos, "expected a comparison (=, !=, <, <=, >, >=) after '" + name + "'");
        }
        skipSpaces();
        int valuePos = pos;
        boolean quoted = false;
        String value;
        if (pos < src.length() && src.charAt(pos) == '"') {
            value = quoted();
            quoted = true;
        } else {
            int from = pos;
            while (pos < src.length() && !endsBareValue()) {
                pos++;
            }
            value = src.substring(from, pos);
            if (value.isEmpty()) {
                throw error(valuePos, "expected a value after '" + op.symbol() + "'");
            }
        }
        Comparison cmp = new Comparison(name, op, value, quoted, namePos);
        if (op != Operator.EQ && op != Operator.NE && !cmp.numeric()) {
            throw error(
                    valuePos,
                    "'" + op.symbol() + "' compares numbers: write a number such as 1000 (not '" + value + "')");
        }
        return cmp;
    }

    private boolean endsBareValue() {
        char c = src.charAt(pos);
        return Character.isWhitespace(c)
                || c == ','
                || c == ']'
                || c == ')'
                || src.startsWith("&&", pos)
                || src.startsWith("||", pos);
    }

    private Operator readOperator() {
        if (pos >= src.length()) {
            return null;
        }
        if (src.startsWith("!=", pos)) {
            pos += 2;
            return Operator.NE;
        }
        if (src.startsWith("<=", pos)) {
            pos += 2;
            return Operator.LE;
        }
        if (src.startsWith(">=", pos)) {
            pos += 2;
            return Operator.GE;
        }
        char c = src.charAt(pos);
        switch (c) {
            case '=':
                pos++;
                return Operator.EQ;
            case '<':
                pos++;
                return Operator.LT;
            case '>':
                pos++;
                return Operator.GT;
            default:
                return null;
        }
    }

    /** The name at {@link #pos} (not consumed), or null. */
    private String peekName() {
        int i = pos;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || (c == '-' && i > pos)) {
                i++;
            } else {
                break;
            }
        }
        return i == pos ? null : src.substring(pos, i);
    }

    private void skipSpaces() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private FilterPatternException error(int at, String problem) {
        return new FilterPatternException(src, at, problem);
    }
}
