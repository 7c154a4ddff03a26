package dev.flowlens.core.filter;

import dev.flowlens.core.filter.FilterPattern.Operator;
import dev.flowlens.core.format.FormatField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A filter pattern compiled for one record format: a condition over the texts of the record's
 * fields (as a message writes them, {@code -} when absent). A store turns it into a query on typed
 * columns; {@link #test} evaluates it on field texts (for tests and for rows held in memory).
 */
public sealed interface FieldPredicate
        permits FieldPredicate.Constant,
                FieldPredicate.AllOf,
                FieldPredicate.AnyOf,
                FieldPredicate.Not,
                FieldPredicate.FieldTest,
                FieldPredicate.ContainsAny {

    FieldPredicate TRUE = new Constant(true);
    FieldPredicate FALSE = new Constant(false);

    /** Evaluates on the field texts of one record, in format order. */
    boolean test(List<String> fieldTexts);

    /** How a {@link FieldTest} compares a field's text with its value. */
    interface FieldOp<V> {
        boolean test(String text, V value);
    }

    /** How a text test compares the field's text with the value. */
    enum TextOp implements FieldOp<String> {
        EQUALS,
        STARTS_WITH,
        ENDS_WITH,
        CONTAINS,
        /** The whole text matches the value, where {@code *} stands for any run of characters. */
        GLOB;

        @Override
        public boolean test(String text, String value) {
            // exhaustive: a new operation fails compilation here until it is given its test
            return switch (this) {
                case EQUALS -> text.equals(value);
                case STARTS_WITH -> text.startsWith(value);
                case ENDS_WITH -> text.endsWith(value);
                case CONTAINS -> text.contains(value);
                case GLOB -> FieldText.globMatches(value, text);
            };
        }
    }

    /** Whether one of {@code parts} tests {@code value} (stopping at the first that does). */
    private static boolean anyTests(List<FieldPredicate> parts, List<String> fieldTexts, boolean value) {
        for (FieldPredicate p : parts) {
            if (p.test(fieldTexts) == value) {
                return true;
            }
        }
        return false;
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
            return !anyTests(parts, fieldTexts, false);
        }
    }

    record AnyOf(List<FieldPredicate> parts) implements FieldPredicate {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            return anyTests(parts, fieldTexts, true);
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
     * The text of the field at {@code index} compared with {@code value} by {@code op}.
     *
     * @param <V> the value's type: the text for {@link TextTest}, a number for {@link NumberTest}
     */
    sealed interface FieldTest<V> extends FieldPredicate permits TextTest, NumberTest {
        int index();

        /** The format position, for its column and type. */
        FormatField field();

        FieldOp<V> op();

        V value();

        @Override
        default boolean test(List<String> fieldTexts) {
            return op().test(fieldTexts.get(index()), value());
        }
    }

    /** The text of the field at {@code index} compared with {@code value}. */
    record TextTest(int index, FormatField field, TextOp op, String value) implements FieldTest<String> {
        public TextTest {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The text of the field at {@code index} contains at least one of {@code values} (two or more): what {@code ?a ?b ?c} becomes for one field, kept as one test so that a store can
     * look for all of them in one pass over the text rather than one test per term.
     */
    record ContainsAny(int index, FormatField field, List<String> values) implements FieldPredicate {
        public ContainsAny {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (values.size() < 2) {
                throw new IllegalArgumentException("two or more values: " + values);
            }
        }

        @Override
        public boolean test(List<String> fieldTexts) {
            String text = fieldTexts.get(index);
            for (String v : values) {
                if (text.contains(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The field at {@code index} read as a number ({@link FieldText#isNumber}) compared with {@code value}; false when not a number. */
    record NumberTest(int index, FormatField field, Operator op, BigDecimal value) implements FieldTest<BigDecimal> {
        public NumberTest {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
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

    /**
     * Any of the parts, with constants folded away and the {@code CONTAINS} tests of one field merged
     * into one {@link ContainsAny} (in the place of the field's first test).
     */
    static FieldPredicate any(List<FieldPredicate> parts) {
        List<FieldPredicate> kept = new ArrayList<>();
        Map<Integer, Set<String>> contains = new LinkedHashMap<>();
        for (FieldPredicate p : parts) {
            if (p instanceof Constant c) {
                if (c.value()) {
                    return TRUE;
                }
            } else if (p instanceof AnyOf a) {
                for (FieldPredicate q : a.parts()) {
                    keep(q, kept, contains);
                }
            } else {
                keep(p, kept, contains);
            }
        }
        if (!contains.isEmpty()) {
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i) instanceof TextTest t && t.op() == TextOp.CONTAINS) {
                    Set<String> values = contains.remove(t.index());
                    if (values != null && values.size() > 1) {
                        kept.set(i, new ContainsAny(t.index(), t.field(), new ArrayList<>(values)));
                    }
                }
            }
        }
        return kept.isEmpty() ? FALSE : kept.size() == 1 ? kept.get(0) : new AnyOf(kept);
    }

    /**
     * Adds one non-constant alternative: a {@code CONTAINS} test or {@link ContainsAny} only once per
     * field (the first one stands for all, its values collected in {@code contains}).
     */
    private static void keep(FieldPredicate p, List<FieldPredicate> kept, Map<Integer, Set<String>> contains) {
        int index;
        FormatField field;
        List<String> values;
        if (p instanceof TextTest t && t.op() == TextOp.CONTAINS) {
            index = t.index();
            field = t.field();
            values = List.of(t.value());
        } else if (p instanceof ContainsAny c) {
            index = c.index();
            field = c.field();
            values = c.values();
        } else {
            kept.add(p);
            return;
        }
        Set<String> seen = contains.get(index);
        if (seen == null) {
            seen = new LinkedHashSet<>();
            contains.put(index, seen);
            kept.add(new TextTest(index, field, TextOp.CONTAINS, values.get(0)));
        }
        seen.addAll(values);
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
