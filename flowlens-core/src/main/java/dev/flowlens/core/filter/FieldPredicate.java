package dev.flowlens.core.filter;

import dev.flowlens.core.filter.FilterPattern.Operator;
import dev.flowlens.core.format.FormatField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A filter pattern compiled for one record format: a condition over the texts of the record's
 * fields (as a message writes them, {@code -} when absent). A store turns it into a query on typed
 * columns; {@link #test} evaluates it on field texts (for tests and for rows held in memory).
 */
public sealed interface FieldPredicate
        permits FieldPredicate.Constant, FieldPredicate.AllOf, FieldPredicate.AnyOf, FieldPredicate.Not,
        FieldPredicate.TextTest, FieldPredicate.NumberTest {

    FieldPredicate TRUE = new Constant(true);
    FieldPredicate FALSE = new Constant(false);

    /** Evaluates on the field texts of one record, in format order. */
    boolean test(List<String> fieldTexts);

    /** How a text test compares the field's text with the value. */
    enum TextOp {
        EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS,
        /** The whole text matches the value, where {@code *} stands for any run of characters. */
        GLOB;

        public boolean test(String text, String value) {
            switch (this) {
                case EQUALS:
                    return text.equals(value);
                case STARTS_WITH:
                    return text.startsWith(value);
                case ENDS_WITH:
                    return text.endsWith(value);
                case CONTAINS:
                    return text.contains(value);
                case GLOB:
                    return FieldText.globMatches(value, text);
                default:
                    throw new AssertionError(this);
            }
        }
    }

    record Constant(boolean value) implements FieldPredicate {
        @Override
        public boolean test(List<String> fieldTexts) {
            return value;
        }
    }

    record AllOf(List<FieldPredicate> parts) implements FieldPredicate {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            for (FieldPredicate p : parts) {
                if (!p.test(fieldTexts)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<FieldPredicate> parts) implements FieldPredicate {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            for (FieldPredicate p : parts) {
                if (p.test(fieldTexts)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(FieldPredicate part) implements FieldPredicate {
        public Not {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            return !part.test(fieldTexts);
        }
    }

    /**
     * The text of the field at {@code index} compared with {@code value}.
     *
     * @param field the format position, for its column and type
     */
    record TextTest(int index, FormatField field, TextOp op, String value) implements FieldPredicate {
        public TextTest {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            return op.test(fieldTexts.get(index), value);
        }
    }

    /** The field at {@code index} read as a number ({@link FieldText#isNumber}) compared with {@code value}; false when not a number. */
    record NumberTest(int index, FormatField field, Operator op, BigDecimal value) implements FieldPredicate {
        public NumberTest {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            BigDecimal v = FieldText.number(fieldTexts.get(index));
            return v != null && op.holds(v.compareTo(value));
        }
    }

    /** All of the parts, with constants folded away. */
    static FieldPredicate all(List<FieldPredicate> parts) {
        List<FieldPredicate> kept = new ArrayList<>();
        for (FieldPredicate p : parts) {
            if (p instanceof Constant c) {
                if (!c.value()) {
                    return FALSE;
                }
            } else if (p instanceof AllOf a) {
                kept.addAll(a.parts());
            } else {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? TRUE : kept.size() == 1 ? kept.get(0) : new AllOf(kept);
    }

    /** Any of the parts, with constants folded away. */
    static FieldPredicate any(List<FieldPredicate> parts) {
        List<FieldPredicate> kept = new ArrayList<>();
        for (FieldPredicate p : parts) {
            if (p instanceof Constant c) {
                if (c.value()) {
                    return TRUE;
                }
            } else if (p instanceof AnyOf a) {
                kept.addAll(a.parts());
            } else {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? FALSE : kept.size() == 1 ? kept.get(0) : new AnyOf(kept);
    }

    static FieldPredicate not(FieldPredicate p) {
        if (p instanceof Constant c) {
            return c.value() ? FALSE : TRUE;
        }
        if (p instanceof Not n) {
            return n.part();
        }
        return new Not(p);
    }
}
