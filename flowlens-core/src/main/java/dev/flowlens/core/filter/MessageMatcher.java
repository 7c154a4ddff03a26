package dev.flowlens.core.filter;

import dev.flowlens.core.filter.FilterPattern.And;
import dev.flowlens.core.filter.FilterPattern.Comparison;
import dev.flowlens.core.filter.FilterPattern.Condition;
import dev.flowlens.core.filter.FilterPattern.Or;
import dev.flowlens.core.filter.FilterPattern.Term;
import java.math.BigDecimal;
import java.util.List;

/**
 * Applies a filter pattern to a message text the way CloudWatch Logs does: the slow, obvious
 * reference. Search never runs it per row (it compiles patterns with {@link PatternCompiler});
 * tests check the compiled form against it.
 *
 * <p>Rules: terms are case-sensitive and match anywhere in the message (a quoted term is matched
 * exactly, spaces included, so {@code " 10.0.0.5 "} needs the address between two spaces); the
 * space-delimited form splits the message on spaces and maps names to fields by position.
 */
public final class MessageMatcher {
    private MessageMatcher() {}

    public static boolean matches(FilterPattern pattern, String message) {
        if (pattern instanceof FilterPattern.MatchAll) {
            return true;
        }
        if (pattern instanceof FilterPattern.Terms t) {
            return matchesTerms(t.terms(), message);
        }
        FilterPattern.Delimited d = (FilterPattern.Delimited) pattern;
        return matchesFields(d, List.of(message.split(" ", -1)));
    }

    private static boolean matchesTerms(List<Term> terms, String message) {
        boolean anyOfSeen = false;
        boolean anyOfMatched = false;
        for (Term t : terms) {
            boolean found = message.contains(t.text());
            boolean allowed = switch (t.kind()) {
                case REQUIRED -> found;
                case EXCLUDED -> !found;
                case ANY_OF -> {
                    anyOfSeen = true;
                    anyOfMatched |= found;
                    yield true;
                }
            };
            if (!allowed) {
                return false;
            }
        }
        return !anyOfSeen || anyOfMatched;
    }

    /** The space-delimited form over the fields of a message. */
    public static boolean matchesFields(FilterPattern.Delimited d, List<String> fields) {
        int n = fields.size();
        if (d.ellipsis() ? n < d.namedCount() : n != d.namedCount()) {
            return false;
        }
        for (Condition c : d.conditions()) {
            if (!holds(c, d, fields)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Condition c, FilterPattern.Delimited d, List<String> fields) {
        if (c instanceof And a) {
            return holds(a.left(), d, fields) && holds(a.right(), d, fields);
        }
        if (c instanceof Or o) {
            return holds(o.left(), d, fields) || holds(o.right(), d, fields);
        }
        Comparison cmp = (Comparison) c;
        String text = fields.get(d.position(cmp.field(), fields.size()));
        return compare(cmp, text);
    }

    /** One comparison against one field's text. */
    public static boolean compare(Comparison cmp, String text) {
        if (cmp.numeric()) {
            BigDecimal v = FieldText.number(text);
            return v != null && cmp.operator().holds(v.compareTo(new BigDecimal(cmp.value())));
        }
        boolean equal = cmp.wildcard() ? FieldText.globMatches(cmp.value(), text) : text.equals(cmp.value());
        switch (cmp.operator()) {
            case EQ:
                return equal;
            case NE:
                return !equal;
            default:
                throw new AssertionError("the parser lets only = and != compare text: " + cmp);
        }
    }
}
