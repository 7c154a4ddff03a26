package dev.flowlens.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.testing.TreeDepth;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deep and wide Logs Insights queries: a usage error that names the limit and the place, or a plan
 * whose SQL grows linearly with the query; never a {@link StackOverflowError}. Work is counted
 * (tree depth, SQL characters, parameters), not timed.
 */
class TestParserLimits {
    private static final int DEPTH = InsightsParser.MAX_DEPTH;

    @Test
    void parenthesesNestedTooDeepAreAUsageErrorAtTheFirstOneTooMany() {
        FlowlensException e = fails("filter " + "(".repeat(1000) + "bytes > 1" + ")".repeat(1000));
        // the 101st parenthesis: offset 7 + 100, column 108
        assertThat(e.getMessage())
                .startsWith("expression nested more than 100 levels deep")
                .contains("at line 1, column 108");
        assertThat(e.getMessage()).hasSizeLessThan(400);
        SqlPlan p = plan("filter " + "(".repeat(DEPTH) + "bytes > 1" + ")".repeat(DEPTH));
        assertThat(p.sql()).contains("\"bytes\" > ?");
    }

    @Test
    void everyKindOfNestingCounts() {
        for (String deep : List.of(
                "filter " + "not ".repeat(1000) + "bytes > 1",
                "fields " + "-".repeat(1000) + "bytes",
                "fields " + "abs(".repeat(1000) + "bytes" + ")".repeat(1000),
                "fields " + "2 ^ ".repeat(1000) + "2",
                "filter dstPort in " + "[".repeat(1000) + "1" + "]".repeat(1000),
                "fields " + "bytes + ".repeat(1000) + "1",
                "fields " + "bytes * ".repeat(150) + "1",
                "sort " + "(".repeat(1000) + "bytes" + ")".repeat(1000) + " desc",
                "stats sum(bytes) by " + "abs(".repeat(200) + "bytes" + ")".repeat(200))) {
            FlowlensException e = fails(deep);
            assertThat(e.getMessage())
                    .as(deep.substring(0, 30))
                    .contains("nested more than 100 levels deep")
                    .hasSizeLessThan(400);
        }
        // at the limit (the leaf counts one level): planned
        plan("filter " + "not ".repeat(DEPTH - 2) + "bytes > 1");
        plan("fields " + "abs(".repeat(DEPTH - 1) + "bytes" + ")".repeat(DEPTH - 1));
        plan("fields " + "bytes + ".repeat(DEPTH - 1) + "1");
    }

    @Test
    void thousandsOfAlternativesNestLogarithmicallyAndTheirSqlGrowsLinearly() {
        SqlPlan previous = null;
        for (int n = 250; n <= 2000; n *= 2) {
            Query q = InsightsParser.parse(alternatives(n));
            Expr condition = ((Command.Filter) q.commands().get(0)).condition();
            assertThat(depth(condition)).as("n=%d", n).isLessThanOrEqualTo(2 + 32 - Integer.numberOfLeadingZeros(n));
            SqlPlan p = InsightsPlanner.plan(q, PlanOptions.defaults());
            if (previous != null) {
                assertThat(p.params()).hasSize(2 * previous.params().size());
                assertThat((double) p.sql().length() / previous.sql().length())
                        .as("n=%d", n)
                        .isBetween(1.9, 2.1);
            }
            previous = p;
        }
    }

    @Test
    void shortChainsStillGroupFromLeftToRight() {
        Expr three = ((Command.Filter) InsightsParser.parse("filter a = 1 or b = 2 or c = 3")
                        .commands()
                        .get(0))
                .condition();
        assertThat(three).isInstanceOf(Expr.Binary.class);
        assertThat(((Expr.Binary) three).right()).isInstanceOf(Expr.Binary.class);
        assertThat(((Expr.Binary) ((Expr.Binary) three).left()).op()).isEqualTo(Expr.BinaryOp.OR);
        assertThat(((Expr.Binary) ((Expr.Binary) three).right()).op()).isEqualTo(Expr.BinaryOp.EQ);
        assertThat(depth(((Command.Filter) InsightsParser.parse(alternatives(InsightsParser.LEFT_TO_RIGHT))
                                .commands()
                                .get(0))
                        .condition()))
                .isEqualTo(InsightsParser.LEFT_TO_RIGHT + 1);
        assertThat(depth(((Command.Filter) InsightsParser.parse(alternatives(InsightsParser.LEFT_TO_RIGHT + 1))
                                .commands()
                                .get(0))
                        .condition()))
                .isEqualTo(6);
    }

    @Test
    void tooLongOrTooManyTokensAreUsageErrors() {
        FlowlensException tooLong = fails("fields bytes" + " ".repeat(Lexer.MAX_LENGTH));
        assertThat(tooLong.getMessage())
                .startsWith("the query is 65548 characters long; at most 65536 are read")
                .hasSizeLessThan(400);
        FlowlensException tokens = fails("fields " + "a,".repeat(Lexer.MAX_TOKENS));
        // token 10,001 is the 5,000th comma: offset 7 + 4999 * 2 + 1
        assertThat(tokens.getMessage())
                .startsWith("more than 10000 tokens")
                .contains("column " + (7 + 4999 * 2 + 1 + 1))
                .hasSizeLessThan(400);
        assertThat(InsightsParser.parse("fields " + "a,".repeat(Lexer.MAX_TOKENS / 2 - 1) + "a")
                        .commands())
                .hasSize(1);
    }

    @Test
    void functionsThatRepeatTheirArgumentCannotBlowTheSqlUp() {
        // dateceil uses its argument three times: 30 levels would be 3^30 copies of @timestamp
        String q = "fields " + "dateceil(".repeat(30) + "@timestamp" + ", 1m)".repeat(30);
        FlowlensException e = fails(q);
        assertThat(e.getMessage())
                .contains("compiles to more than " + (4 << 20) + " characters of SQL")
                .contains("column ")
                .hasSizeLessThan(400);
        assertThat(plan("fields " + "dateceil(".repeat(5) + "@timestamp" + ", 1m)".repeat(5))
                        .sql())
                .contains("CASE WHEN");
    }

    /**
     * Random nesting and width, well past every limit: a plan or a usage error; the SQL at most a
     * constant times the query (these constructs use each argument once) beside the SELECT around it.
     */
    @Test
    void randomDeepAndWideQueriesNeverOverflowTheStack() {
        Random random = new Random(20261201L);
        int planned = 0;
        int refused = 0;
        for (int n = 0; n < 400; n++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "filter " : "fields ");
            randomExpr(random, b, random.nextInt(4) == 0 ? 300 : 60, new int[] {random.nextInt(4) == 0 ? 4000 : 300});
            String text = b.toString();
            try {
                SqlPlan p = InsightsPlanner.plan(text, PlanOptions.defaults());
                assertThat(p.sql().length()).as(text).isLessThanOrEqualTo(40 * text.length() + 1000);
                planned++;
            } catch (FlowlensException e) {
                assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_QUERY);
                assertThat(e.getMessage()).hasSizeLessThan(600);
                refused++;
            } catch (StackOverflowError e) {
                fail("stack overflow on a query of " + text.length() + " characters");
            }
        }
        assertThat(planned).isGreaterThan(50);
        assertThat(refused).isGreaterThan(50);
    }

    private static void randomExpr(Random random, StringBuilder b, int depth, int[] budget) {
        if (depth == 0 || budget[0] <= 0 || random.nextInt(5) == 0) {
            budget[0]--;
            String[] leaves = {"bytes", "packets", "1", "\"x\"", "dstPort", "2.5"};
            b.append(leaves[random.nextInt(leaves.length)]);
            return;
        }
        switch (random.nextInt(7)) {
            case 0:
                b.append('(');
                randomExpr(random, b, depth - 1, budget);
                b.append(')');
                break;
            case 1:
                b.append(random.nextBoolean() ? "not " : "-");
                randomExpr(random, b, depth - 1, budget);
                break;
            case 2:
                b.append(random.nextBoolean() ? "abs(" : "concat(");
                randomExpr(random, b, depth - 1, budget);
                b.append(')');
                break;
            case 3:
                b.append("dstPort in [");
                int items = 1 + random.nextInt(5);
                for (int k = 0; k < items; k++) {
                    b.append(k == 0 ? "" : ", ").append(k);
                }
                b.append(']');
                break;
            default: {
                String[] ops = {" or ", " and ", " + ", " * ", " = ", " < ", " - "};
                String op = ops[random.nextInt(ops.length)];
                int operands = 2 + random.nextInt(random.nextInt(6) == 0 ? 3000 : 4);
                for (int k = 0; k < operands && budget[0] > 0; k++) {
                    if (k > 0) {
                        b.append(op);
                    }
                    randomExpr(random, b, depth - 1, budget);
                }
                break;
            }
        }
    }

    private static String alternatives(int n) {
        StringBuilder b = new StringBuilder("filter ");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " or ").append("dstPort = ").append(i);
        }
        return b.toString();
    }

    private static SqlPlan plan(String query) {
        return InsightsPlanner.plan(query, PlanOptions.defaults());
    }

    private static FlowlensException fails(String query) {
        try {
            plan(query);
        } catch (FlowlensException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
            return e;
        }
        throw new AssertionError("expected an INVALID_QUERY error for a query of " + query.length() + " characters");
    }

    /** Depth of an expression tree. */
    private static int depth(Expr root) {
        return TreeDepth.of(
                root,
                e -> e instanceof Expr.Binary bin
                        ? List.of(bin.left(), bin.right())
                        : e instanceof Expr.Unary u
                                ? List.of(u.operand())
                                : e instanceof Expr.Call c
                                        ? c.args()
                                        : e instanceof Expr.ListOf l ? l.items() : List.of());
    }
}
