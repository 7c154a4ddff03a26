package dev.flowlens.core.insights;

import static dev.flowlens.core.insights.Plans.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of functions is what the planner checks, compiles and names: every entry is checked against a plan. */
class TestInsightsFunctions {
    private static String sample(InsightsFunction.Arg kind) {
        return switch (kind) {
            case VALUE, NUMBER -> "bytes";
            case TEXT -> "srcAddr";
            case PERIOD -> "5m";
            case CIDR -> "\"10.0.0.0/8\"";
            case PERCENTILE -> "95";
            case ROWS_OR_VALUE -> "*";
        };
    }

    /** A call of {@code f} with {@code n} arguments of the kinds it takes. */
    private static String call(InsightsFunction f, int n) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(sample(f.arg(i)));
        }
        return f.name() + "(" + String.join(", ", args) + ")";
    }

    private static SqlPlan plan(InsightsFunction f, String call) {
        return Plans.plan((f.aggregate() ? "stats " : "fields ") + call + " as x");
    }

    @Test
    void everyFunctionPlansWithTheFewestAndTheMostArgumentsAndYieldsItsKind() {
        assertThat(InsightsFunctions.all()).hasSizeGreaterThan(30);
        for (InsightsFunction f : InsightsFunctions.all()) {
            assertThat(f.name()).isEqualTo(f.name().toLowerCase(Locale.ROOT));
            int most = f.maxArgs() == Integer.MAX_VALUE ? f.minArgs() + 2 : f.maxArgs();
            for (int n : new int[] {f.minArgs(), most}) {
                SqlPlan p = plan(f, call(f, n));
                ValueKind kind = p.columns().get(0).kind();
                if (f.result() != ValueKind.ANY) {
                    assertThat(kind).as(call(f, n)).isEqualTo(f.result());
                }
            }
        }
    }

    @Test
    void callsWithTooFewOrTooManyArgumentsAreUsageErrorsAtTheCall() {
        for (InsightsFunction f : InsightsFunctions.all()) {
            List<Integer> wrong = new ArrayList<>();
            if (f.minArgs() > 0) {
                wrong.add(f.minArgs() - 1);
            }
            if (f.maxArgs() != Integer.MAX_VALUE) {
                wrong.add(f.maxArgs() + 1);
            }
            for (int n : wrong) {
                String call = call(f, n);
                assertThatThrownBy(() -> plan(f, call)).as(call).isInstanceOfSatisfying(ParsingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
                    assertThat(e.problem()).isEqualTo(f.arityMessage(n));
                    assertThat(e.location().column()).isEqualTo(f.aggregate() ? 7 : 8);
                });
            }
        }
    }

    @Test
    void theParserChecksTheArityOfKnownFunctionsAndLeavesUnknownNamesToThePlanner() {
        assertThatThrownBy(() -> InsightsParser.parse("filter x = 1 | fields substr(srcAddr)"))
                .isInstanceOfSatisfying(ParsingException.class, e -> {
                    assertThat(e.problem()).isEqualTo("substr() takes 2 to 3 arguments but got 1");
                    assertThat(e.location().column()).isEqualTo(23);
                });
        assertThat(InsightsParser.parse("fields nosuch(1, 2, 3)").commands()).hasSize(1);
    }

    @Test
    void arityMessagesSayWhatIsAllowed() {
        InsightsFunction abs = InsightsFunctions.find("abs").orElseThrow();
        assertThat(abs.arityMessage(2)).isEqualTo("abs() takes 1 argument but got 2");
        assertThat(InsightsFunctions.find("substr").orElseThrow().arityMessage(1))
                .isEqualTo("substr() takes 2 to 3 arguments but got 1");
        assertThat(InsightsFunctions.find("concat").orElseThrow().arityMessage(0))
                .isEqualTo("concat() takes at least 1 argument but got 0");
        assertThat(InsightsFunctions.find("count").orElseThrow().arityMessage(2))
                .isEqualTo("count() takes at most 1 argument but got 2");
        assertThat(InsightsFunctions.find("replace").orElseThrow().arityMessage(1))
                .isEqualTo("replace() takes 3 arguments but got 1");
    }

    /** The messages list the functions from the table; in stats only the aggregates are suggested. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "stats bytes > 1    | stats takes aggregate functions (count, sum, avg, min, max, pct, count_distinct, earliest, latest, stddev)",
                "fields 5m          | a time period such as 5m can only be an argument of bin, datefloor or dateceil",
                "fields flor(bytes) | unknown function 'flor'; did you mean 'floor'?",
                "stats flor(bytes)  | unknown function 'flor' at",
                "fields avg(bytes)  | avg() is an aggregate function",
            })
    void messagesNameTheFunctionsFromTheTable(String query, String start) {
        assertRefused(query).hasMessageStartingWith(start);
    }

    @Test
    void onlyTheFunctionsMarkedSoApplyToAggregatesAndTheirArityIsChecked() {
        for (InsightsFunction f : InsightsFunctions.all()) {
            if (f.aggregate() || f.minArgs() == 0) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (int i = 0; i < f.minArgs(); i++) {
                args.add("sum(bytes)");
            }
            String q = "stats " + f.name() + "(" + String.join(", ", args) + ")";
            if (f.overAggregates()) {
                assertThat(Plans.plan(q).columns().get(0).kind()).as(q).isEqualTo(ValueKind.NUMBER);
            } else {
                assertRefused(q).as(q).hasMessageStartingWith("stats takes aggregate");
            }
        }
        assertRefused("stats abs(sum(bytes), 2)").hasMessageStartingWith("abs() takes 1 argument but got 2");
    }

    @Test
    void functionsThatReadTheTimestampNeedIt() {
        for (InsightsFunction f : InsightsFunctions.all()) {
            if (!f.readsTimestamp()) {
                continue;
            }
            String q = "stats count(*) as n by srcAddr | " + (f.aggregate() ? "stats " : "fields ")
                    + call(f, f.minArgs()).replace("bytes", "n");
            assertRefused(q).as(q).hasMessageContaining("needs @timestamp");
        }
    }
}
