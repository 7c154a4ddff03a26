package dev.flowlens.core.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * A parsed CloudWatch Logs filter pattern over flow log messages (see {@link FilterPatternParser}).
 *
 * <ul>
 *   <li>{@link MatchAll}: the empty pattern (or {@code ""}), every record matches;
 *   <li>{@link Terms}: unstructured terms: every plain term must appear, at least one of the
 *       {@code ?} terms must appear when there are some, no {@code -} term may appear;
 *   <li>{@link Delimited}: the space-delimited form {@code [a, b, ..., c=22]}, fields by position.
 * </ul>
 */
public sealed interface FilterPattern permits FilterPattern.MatchAll, FilterPattern.Terms, FilterPattern.Delimited {

    /** The pattern as the user wrote it. */
    String text();

    /** Matches every record. */
    record MatchAll(String text) implements FilterPattern {
        public MatchAll {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Unstructured terms. */
    record Terms(String text, List<Term> terms) implements FilterPattern {
        public Terms {
            Objects.requireNonNull(text, "text");
            terms = List.copyOf(terms);
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("at least one term");
            }
        }
    }

    /**
     * The space-delimited form.
     *
     * @param leading the names before the ellipsis (or all names when there is none), first field first
     * @param ellipsis whether {@code ...} stands for any number of fields between leading and trailing
     * @param trailing the names after the ellipsis, the record's last field last
     * @param conditions every one must hold
     */
    record Delimited(
            String text, List<String> leading, boolean ellipsis, List<String> trailing, List<Condition> conditions)
            implements FilterPattern {
        public Delimited {
            Objects.requireNonNull(text, "text");
            leading = List.copyOf(leading);
            trailing = List.copyOf(trailing);
            conditions = List.copyOf(conditions);
            if (!ellipsis && !trailing.isEmpty()) {
                throw new IllegalArgumentException("trailing names need an ellipsis");
            }
        }

        /** Named fields: the record needs at least this many (exactly this many without an ellipsis). */
        public int namedCount() {
            return leading.size() + trailing.size();
        }

        /** The record position (0-based) of a name in a record of {@code size} fields, or -1. */
        public int position(String name, int size) {
            int i = leading.indexOf(name);
            if (i >= 0) {
                return i;
            }
            int j = trailing.indexOf(name);
            return j < 0 ? -1 : size - trailing.size() + j;
        }
    }

    /** How an unstructured term takes part. */
    enum TermKind {
        /** Must appear. */
        REQUIRED,
        /** {@code ?term}: at least one of these must appear. */
        ANY_OF,
        /** {@code -term}: must not appear. */
        EXCLUDED
    }

    /**
     * One unstructured term: the text looked for in the message (case-sensitive, as a substring).
     *
     * @param quoted whether it was written in double quotes (an exact phrase, spaces included)
     * @param position 0-based offset in the pattern
     */
    record Term(TermKind kind, String text, boolean quoted, int position) {
        public Term {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A comparison operator of the space-delimited form: its symbol and what it means of a comparison. */
    enum Operator implements FieldPredicate.FieldOp<BigDecimal> {
        EQ("=", c -> c == 0),
        NE("!=", c -> c != 0),
        LT("<", c -> c < 0),
        LE("<=", c -> c <= 0),
        GT(">", c -> c > 0),
        GE(">=", c -> c >= 0);

        private final String symbol;
        private final IntPredicate holds;

        Operator(String symbol, IntPredicate holds) {
            this.symbol = symbol;
            this.holds = holds;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether {@code compare} (a {@link Comparable#compareTo} result) satisfies the operator. */
        public boolean holds(int compare) {
            return holds.test(compare);
        }

        /** Whether {@code text}, read as a number ({@link FieldText#number}), compares so with {@code value}; false when it is not one. */
        @Override
        public boolean test(String text, BigDecimal value) {
            BigDecimal v = FieldText.number(text);
            return v != null && holds(v.compareTo(value));
        }
    }

    /** A condition of the space-delimited form. */
    sealed interface Condition permits Comparison, And, Or {}

    /**
     * {@code name op value}.
     *
     * @param value the value as written, without quotes
     * @param quoted whether the value was in double quotes (then it always compares as text)
     * @param position 0-based offset of the field name in the pattern
     */
    record Comparison(String field, Operator operator, String value, boolean quoted, int position)
            implements Condition {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        /** Compares as numbers: an unquoted number. */
        public boolean numeric() {
            return !quoted && FieldText.isNumber(value);
        }

        /** A text comparison with {@code *} wildcards. */
        public boolean wildcard() {
            return !numeric() && value.indexOf('*') >= 0;
        }
    }

    /** Both hold ({@code &&}). */
    record And(Condition left, Condition right) implements Condition {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** Either holds ({@code ||}). */
    record Or(Condition left, Condition right) implements Condition {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
