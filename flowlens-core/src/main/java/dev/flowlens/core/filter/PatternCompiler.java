package dev.flowlens.core.filter;

import dev.flowlens.core.filter.FieldPredicate.TextOp;
import dev.flowlens.core.filter.FilterPattern.And;
import dev.flowlens.core.filter.FilterPattern.Comparison;
import dev.flowlens.core.filter.FilterPattern.Condition;
import dev.flowlens.core.filter.FilterPattern.Operator;
import dev.flowlens.core.filter.FilterPattern.Or;
import dev.flowlens.core.filter.FilterPattern.Term;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a filter pattern for one record format into a {@link FieldPredicate} over the fields,
 * so a store can answer it from typed columns without rebuilding message text.
 *
 * <p>Why this is exact: a flow log message is its fields' texts joined by single spaces, and no
 * field text is empty or contains a space. So a term without spaces occurs in the message if and
 * only if it occurs inside one field's text; a phrase {@code p0 p1 ... pk} (k spaces) occurs if and
 * only if, for some field i, field i ends with p0, fields i+1..i+k-1 equal p1..pk-1 and field i+k
 * starts with pk. {@code " 10.0.0.5 "} therefore becomes "some field other than the first and the
 * last equals 10.0.0.5", which a store answers with equality on the address columns.
 *
 * <p>Numeric fields (ports, counters, times) only ever read as digits, a minus or {@code -}, so
 * tests for other characters are dropped for them at compile time.
 */
public final class PatternCompiler {
    private PatternCompiler() {}

    public static FieldPredicate compile(FilterPattern pattern, FlowFormat format) {
        if (pattern instanceof FilterPattern.MatchAll) {
            return FieldPredicate.TRUE;
        }
        if (pattern instanceof FilterPattern.Terms t) {
            return compileTerms(t.terms(), format);
        }
        return compileDelimited((FilterPattern.Delimited) pattern, format);
    }

    /**
     * Every required term, none of the excluded ones (not any of them), any of the {@code ?} ones.
     * The excluded and the {@code ?} terms each become one disjunction, in which the terms that
     * may occur in the same field merge into one test of that field ({@link FieldPredicate#any}):
     * the size of the result grows linearly with the number of terms.
     */
    private static FieldPredicate compileTerms(List<Term> terms, FlowFormat format) {
        List<FieldPredicate> all = new ArrayList<>();
        List<FieldPredicate> excluded = new ArrayList<>();
        List<FieldPredicate> anyOf = new ArrayList<>();
        for (Term t : terms) {
            FieldPredicate found = occurs(t.text(), format);
            List<FieldPredicate> into = switch (t.kind()) {
                case REQUIRED -> all;
                case EXCLUDED -> excluded;
                case ANY_OF -> anyOf;
            };
            into.add(found);
        }
        if (!excluded.isEmpty()) {
            all.add(FieldPredicate.not(FieldPredicate.any(excluded)));
        }
        if (!anyOf.isEmpty()) {
            all.add(FieldPredicate.any(anyOf));
        }
        return FieldPredicate.all(all);
    }

    /** The text occurs somewhere in the message of a record of this format. */
    static FieldPredicate occurs(String text, FlowFormat format) {
        String[] parts = text.split(" ", -1);
        int k = parts.length - 1;
        int n = format.size();
        List<FieldPredicate> at = new ArrayList<>();
        for (int i = 0; i + k < n; i++) {
            List<FieldPredicate> here = new ArrayList<>();
            if (k == 0) {
                here.add(test(format, i, TextOp.CONTAINS, parts[0]));
            } else {
                here.add(test(format, i, TextOp.ENDS_WITH, parts[0]));
                for (int j = 1; j < k; j++) {
                    here.add(test(format, i + j, TextOp.EQUALS, parts[j]));
                }
                here.add(test(format, i + k, TextOp.STARTS_WITH, parts[k]));
            }
            at.add(FieldPredicate.all(here));
        }
        return FieldPredicate.any(at);
    }

    private static FieldPredicate compileDelimited(FilterPattern.Delimited d, FlowFormat format) {
        int n = format.size();
        if (d.ellipsis() ? n < d.namedCount() : n != d.namedCount()) {
            return FieldPredicate.FALSE;
        }
        List<FieldPredicate> all = new ArrayList<>();
        for (Condition c : d.conditions()) {
            all.add(condition(c, d, format));
        }
        return FieldPredicate.all(all);
    }

    private static FieldPredicate condition(Condition c, FilterPattern.Delimited d, FlowFormat format) {
        if (c instanceof And a) {
            return FieldPredicate.all(List.of(condition(a.left(), d, format), condition(a.right(), d, format)));
        }
        if (c instanceof Or o) {
            return FieldPredicate.any(List.of(condition(o.left(), d, format), condition(o.right(), d, format)));
        }
        Comparison cmp = (Comparison) c;
        int index = d.position(cmp.field(), format.size());
        if (cmp.numeric()) {
            FormatField field = format.get(index);
            return new FieldPredicate.NumberTest(index, field, cmp.operator(), new BigDecimal(cmp.value()));
        }
        FieldPredicate equal = test(format, index, cmp.wildcard() ? TextOp.GLOB : TextOp.EQUALS, cmp.value());
        if (cmp.operator() == Operator.EQ) {
            return equal;
        }
        if (cmp.operator() == Operator.NE) {
            return FieldPredicate.not(equal);
        }
        throw new AssertionError("the parser lets only = and != compare text: " + cmp);
    }

    private static FieldPredicate test(FlowFormat format, int index, TextOp op, String value) {
        FormatField field = format.get(index);
        if (op == TextOp.CONTAINS && value.isEmpty()
                || (op == TextOp.STARTS_WITH || op == TextOp.ENDS_WITH) && value.isEmpty()) {
            return FieldPredicate.TRUE;
        }
        if (op == TextOp.GLOB && value.chars().allMatch(ch -> ch == '*')) {
            return FieldPredicate.TRUE;
        }
        if (field.isKnown() && field.field().isNumeric() && !numericAlphabet(value, op == TextOp.GLOB)) {
            return FieldPredicate.FALSE;
        }
        return new FieldPredicate.TextTest(index, field, op, value);
    }

    /** Whether every character could appear in a number's text or in {@code -}. */
    private static boolean numericAlphabet(String value, boolean glob) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '-' || glob && c == '*')) {
                return false;
            }
        }
        return true;
    }
}
