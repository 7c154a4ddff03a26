package dev.flowlens.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.filter.FilterPattern.And;
import dev.flowlens.core.filter.FilterPattern.Condition;
import dev.flowlens.core.filter.FilterPattern.Or;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.testing.TreeDepth;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deep and wide filter patterns: a usage error that names the limit and the place, or a pattern
 * that compiles to a predicate whose size grows linearly with the pattern; never a
 * {@link StackOverflowError}. Work is counted (nodes, values, depth), not timed.
 */
class TestParserLimits {
    private static final List<String> MESSAGE = List.of(
            "2",
            "123456789010",
            "eni-1235b8ca123456789",
            "10.0.0.5",
            "172.31.16.21",
            "20641",
            "22",
            "6",
            "20",
            "4249",
            "1418530010",
            "1418530070",
            "ACCEPT",
            "OK");

    @Test
    void parenthesesNestedTooDeepAreAUsageErrorAtTheFirstOneTooMany() {
        String prefix = "[..., status=OK && ";
        String deep = prefix + "(".repeat(1000) + "status=OK" + ")".repeat(1000) + "]";
        FilterPatternException e = parseFails(deep);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER_PATTERN);
        assertThat(e.position()).isEqualTo(prefix.length() + FilterPatternParser.MAX_DEPTH);
        assertThat(e.getMessage())
                .contains("nested more than 64 deep")
                .contains("position " + (e.position() + 1))
                .hasSizeLessThan(120);
        assertThat(e.pointer().lines().toList()).hasSize(2).allMatch(l -> l.length() < 140);

        String limit = prefix + "(".repeat(FilterPatternParser.MAX_DEPTH) + "status=OK"
                + ")".repeat(FilterPatternParser.MAX_DEPTH) + "]";
        FilterPattern p = FilterPatternParser.parse(limit);
        assertThat(PatternCompiler.compile(p, FlowFormat.DEFAULT_V2).test(MESSAGE))
                .isTrue();
        assertThat(MessageMatcher.matches(p, String.join(" ", MESSAGE))).isTrue();
    }

    @Test
    void thousandsOfAlternativesAreAUsageErrorAndAThousandNestLogarithmically() {
        FilterPatternException e = parseFails(alternatives(3000));
        assertThat(e.getMessage()).contains("more than 1000 comparisons");
        assertThat(e.position()).isEqualTo(alternatives(3000).indexOf("dstport=1023 ")); // the 1,001st

        FilterPattern p = FilterPatternParser.parse(alternatives(FilterPatternParser.MAX_TERMS));
        Condition c = ((FilterPattern.Delimited) p).conditions().get(0);
        assertThat(depth(c)).isLessThanOrEqualTo(11); // ceil(log2(1000)) + 1
        assertThat(PatternCompiler.compile(p, FlowFormat.DEFAULT_V2).test(MESSAGE))
                .isTrue(); // dstport=22 is one of them
        assertThat(MessageMatcher.matches(p, String.join(" ", MESSAGE))).isTrue();
        assertThat(depth(((FilterPattern.Delimited) FilterPatternParser.parse(ands(FilterPatternParser.MAX_TERMS)))
                        .conditions()
                        .get(0)))
                .isLessThanOrEqualTo(11);
    }

    @Test
    void tooManyTermsOrFieldsOrCharactersAreUsageErrors() {
        assertThat(parseFails("?a ".repeat(FilterPatternParser.MAX_TERMS + 1)).getMessage())
                .contains("more than 1000 terms")
                .contains("position " + (3 * FilterPatternParser.MAX_TERMS + 1));
        assertThat(FilterPatternParser.parse("?a ".repeat(FilterPatternParser.MAX_TERMS)))
                .isInstanceOf(FilterPattern.Terms.class);
        assertThat(parseFails("[" + "f, ".repeat(FilterPatternParser.MAX_TERMS) + "g]")
                        .getMessage())
                .contains("more than 1000 fields");
        FilterPatternException tooLong = parseFails("x".repeat(FilterPatternParser.MAX_LENGTH + 1));
        assertThat(tooLong.getMessage()).contains("65537 characters long; at most 65536");
        assertThat(tooLong.pointer().length()).isLessThan(140);
        assertThat(FilterPatternParser.parse("x".repeat(FilterPatternParser.MAX_LENGTH)))
                .isInstanceOf(FilterPattern.Terms.class);
    }

    @Test
    void anyOfTermsCompileToOneTestPerFieldWhoseValuesGrowLinearly() {
        for (String kind : List.of("?", "-")) {
            Size previous = null;
            for (int n = 125; n <= 1000; n *= 2) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    b.append(kind).append("t").append(i).append(".x ");
                }
                FilterPattern p = FilterPatternParser.parse(b.toString());
                FieldPredicate compiled = PatternCompiler.compile(p, FlowFormat.DEFAULT_V2);
                Size size = size(compiled);
                // one test per text field of the format (numeric fields never contain a letter), whatever n
                assertThat(size.nodes()).as("%s%d", kind, n).isLessThanOrEqualTo(FlowFormat.DEFAULT_V2.size() + 2);
                if (previous != null) {
                    assertThat(size.values()).as("%s%d", kind, n).isEqualTo(2 * previous.values());
                }
                previous = size;
                assertThat(compiled.test(MESSAGE)).isEqualTo(MessageMatcher.matches(p, String.join(" ", MESSAGE)));
            }
        }
    }

    @Test
    void requiredTermsAndAlternativesCompileToLinearlyManyNodes() {
        for (boolean required : List.of(true, false)) {
            Size previous = null;
            for (int n = 125; n <= 1000; n *= 2) {
                StringBuilder terms = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    terms.append('t').append(i).append(".x ");
                }
                FilterPattern p = FilterPatternParser.parse(required ? terms.toString() : alternatives(n));
                Size size = size(PatternCompiler.compile(p, FlowFormat.DEFAULT_V2));
                if (previous != null) {
                    assertThat((double) size.nodes() / previous.nodes())
                            .as("n=%d", n)
                            .isBetween(1.9, 2.1);
                }
                previous = size;
            }
        }
    }

    /** Random nesting and width, well past every limit: a parse or a usage error, and then agreement with the reference. */
    @Test
    void randomDeepAndWidePatternsNeverOverflowTheStack() {
        Random random = new Random(20261201L);
        String message = String.join(" ", MESSAGE);
        int parsed = 0;
        int refused = 0;
        for (int q = 0; q < 300; q++) {
            String text = random.nextBoolean() ? randomDelimited(random) : randomTerms(random);
            FilterPattern p;
            try {
                p = FilterPatternParser.parse(text);
            } catch (FilterPatternException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER_PATTERN);
                assertThat(e.position()).isBetween(0, text.length());
                assertThat(e.getMessage().length() + e.pointer().length()).isLessThan(400);
                refused++;
                continue;
            } catch (StackOverflowError e) {
                fail("stack overflow on a pattern of " + text.length() + " characters");
                return;
            }
            FieldPredicate compiled = PatternCompiler.compile(p, FlowFormat.DEFAULT_V2);
            assertThat(compiled.test(MESSAGE)).as(text).isEqualTo(MessageMatcher.matches(p, message));
            if (p instanceof FilterPattern.Delimited d) {
                for (Condition c : d.conditions()) {
                    assertThat(depth(c)).isLessThanOrEqualTo(FilterPatternParser.MAX_DEPTH * 11);
                }
            }
            parsed++;
        }
        assertThat(parsed).isGreaterThan(50);
        assertThat(refused).isGreaterThan(50);
    }

    private static String randomDelimited(Random random) {
        StringBuilder b = new StringBuilder("[version, account, eni, src, dst, sp, dp!=99 && (");
        randomCondition(random, b, random.nextInt(3) == 0 ? 150 : 40, new int[] {random.nextInt(3) == 0 ? 3000 : 400});
        return b.append("), ...]").toString();
    }

    /** A condition on dp nested up to {@code depth} parentheses, using up to {@code budget[0]} comparisons. */
    private static void randomCondition(Random random, StringBuilder b, int depth, int[] budget) {
        int operands = 1 + (budget[0] > 1 ? random.nextInt(Math.min(budget[0], random.nextInt(4) == 0 ? 2000 : 4)) : 0);
        String op = random.nextBoolean() ? " || " : " && ";
        for (int k = 0; k < operands; k++) {
            if (k > 0) {
                b.append(op);
            }
            if (depth > 0 && random.nextInt(3) > 0) {
                b.append('(');
                randomCondition(random, b, depth - 1, budget);
                b.append(')');
            } else {
                budget[0]--;
                b.append(random.nextBoolean() ? "dp=" : "dp!=").append(random.nextInt(40));
            }
        }
    }

    private static String randomTerms(Random random) {
        int n = random.nextInt(3) == 0 ? 900 + random.nextInt(300) : random.nextInt(50);
        StringBuilder b = new StringBuilder();
        String[] kinds = {"?", "-", ""};
        for (int i = 0; i < n; i++) {
            b.append(kinds[random.nextInt(kinds.length)])
                    .append(random.nextInt(30))
                    .append(' ');
        }
        return b.toString();
    }

    /** A slot with {@code n} alternatives {@code dstport=23 || dstport=24 || ... || dstport=22}. */
    private static String alternatives(int n) {
        StringBuilder cond = new StringBuilder();
        for (int i = 0; i < n; i++) {
            cond.append(i == 0 ? "" : " || ").append("dstport=").append(i < n - 1 ? i + 23 : 22);
        }
        return "[version, account, eni, src, dst, sp, " + cond
                + ", protocol, packets, bytes, start, end, action, status]";
    }

    private static String ands(int n) {
        return "[version, account, eni, src, dst, sp, dp" + "!=1 && dp".repeat(n - 1) + "!=1, ...]";
    }

    private static FilterPatternException parseFails(String pattern) {
        try {
            FilterPatternParser.parse(pattern);
        } catch (FilterPatternException e) {
            return e;
        }
        throw new AssertionError(
                "expected a FilterPatternException for a pattern of " + pattern.length() + " characters");
    }

    /** Depth of a condition tree. */
    private static int depth(Condition root) {
        return TreeDepth.of(
                root,
                c -> c instanceof And a
                        ? List.of(a.left(), a.right())
                        : c instanceof Or o ? List.of(o.left(), o.right()) : List.of());
    }

    /** Nodes of a predicate and the values its text tests carry. */
    record Size(int nodes, int values) {}

    static Size size(FieldPredicate p) {
        if (p instanceof FieldPredicate.AllOf a) {
            return sum(a.parts());
        }
        if (p instanceof FieldPredicate.AnyOf a) {
            return sum(a.parts());
        }
        if (p instanceof FieldPredicate.Not n) {
            Size inner = size(n.part());
            return new Size(inner.nodes() + 1, inner.values());
        }
        if (p instanceof FieldPredicate.ContainsAny c) {
            return new Size(1, c.values().size());
        }
        return new Size(1, p instanceof FieldPredicate.Constant ? 0 : 1);
    }

    private static Size sum(List<FieldPredicate> parts) {
        int nodes = 1;
        int values = 0;
        for (FieldPredicate q : parts) {
            Size s = size(q);
            nodes += s.nodes();
            values += s.values();
        }
        return new Size(nodes, values);
    }
}
