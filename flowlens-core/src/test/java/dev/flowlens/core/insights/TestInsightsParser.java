package dev.flowlens.core.insights;

import static dev.flowlens.core.insights.Plans.assertRefused;
import static dev.flowlens.core.insights.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestInsightsParser {
    @Test
    void parsesThePipeline() {
        Query q = InsightsParser.parse("fields srcAddr | filter bytes > 10 | sort bytes desc | limit 5");
        assertThat(q.commands()).hasSize(4);
        assertThat(q.commands().get(0)).isInstanceOf(Command.Fields.class);
        assertThat(((Command.Limit) q.commands().get(3)).count()).isEqualTo(5);
        assertThat(((Command.Sort) q.commands().get(2)).keys().get(0).descending())
                .isTrue();
    }

    @Test
    void slashIsDivisionAfterAnOperandAndARegexAfterLike() {
        Query q = InsightsParser.parse("fields bytes / packets as s | filter srcAddr like /10\\.0/");
        Command.Fields f = (Command.Fields) q.commands().get(0);
        assertThat(f.items().get(0).expr()).isInstanceOf(Expr.Binary.class);
        Expr.Binary like = (Expr.Binary) ((Command.Filter) q.commands().get(1)).condition();
        assertThat(like.right()).isEqualTo(new Expr.Regex("10\\.0", like.right().offset()));
    }

    @Test
    void errorsPointAtLineAndColumnWithACaret() {
        assertThatThrownBy(() -> InsightsParser.parse("fields srcAddr\n| filter bytes > "))
                .isInstanceOf(FlowlensException.class)
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.INVALID_QUERY))
                .hasMessageContaining("at line 2, column 18")
                .hasMessageContaining("\n  | filter bytes > \n                   ^");
        assertThatThrownBy(() -> InsightsParser.parse("feilds srcAddr"))
                .hasMessageContaining("expected a command")
                .hasMessageContaining("line 1, column 1");
        assertThatThrownBy(() -> InsightsParser.parse("filter srcAddr = \"abc"))
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> InsightsParser.parse("stats count(*) by bin(5x)"))
                .hasMessageContaining("unknown time unit 'x'");
        assertThatThrownBy(() -> InsightsParser.parse("filter a in 3")).hasMessageContaining("expected a list");
        assertThatThrownBy(() -> InsightsParser.parse("limit 0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> InsightsParser.parse("parse @message \"* *\" as a"))
                .hasMessageContaining("extracts 2 values but 1 names");
    }

    @Test
    void unknownFieldSuggestsTheNearestName() {
        assertRefused("filter srcAdr = '10.0.0.1'")
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.UNKNOWN_FIELD))
                .hasMessageContaining("unknown field 'srcAdr'; did you mean 'srcAddr'?")
                .hasMessageContaining("line 1, column 8");
        assertRefused("stats count(*) by srcAddr | filter bytes > 1").hasMessageContaining("not available after stats");
        assertRefused("stats sun(bytes)").hasMessageContaining("did you mean 'sum'?");
        assertRefused("filter isIpv4InSubnet(srcAddr, '10.0.0.0/33')").hasMessageContaining("not a CIDR block");
        assertRefused("fields sum(bytes)").hasMessageContaining("aggregate function");
    }

    @Test
    void everyFieldIsKnownByItsInsightsName() {
        for (FlowField f : FlowField.values()) {
            SqlPlan p = plan("fields " + f.insightsName());
            assertThat(p.sql()).startsWith("SELECT \"" + f.column() + "\" FROM flows");
        }
        assertThat(plan("fields `log-status`, log_status, @logStream").columns())
                .hasSize(3);
    }

    @Test
    void userTextNeverReachesTheSql() {
        String evil = "x'); DROP TABLE flows; --";
        SqlPlan p = InsightsPlanner.plan(
                "filter srcAddr = \"" + evil + "\" or srcAddr like \"" + evil + "\" | fields concat(srcAddr, \"" + evil
                        + "\") as `weird name\"; DROP`",
                PlanOptions.defaults());
        assertThat(p.sql()).doesNotContain("DROP").doesNotContain("weird");
        assertThat(p.params()).contains(evil);
        assertThat(p.columns().get(0).name()).isEqualTo("weird name\"; DROP");
    }

    @Test
    void randomTextNeverCrashesTheParser() {
        Random r = new Random(7);
        String alphabet =
                "fields filter stats sort limit by as and or not in like | , ( ) [ ] = != < > =~ + - * / % ^ \" ' ` @timestamp srcAddr 12 5m /re/ #\n";
        for (int n = 0; n < 3000; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(40);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            try {
                plan(b.toString());
            } catch (FlowlensException expected) {
                assertThat(expected.code()).isIn(ErrorCode.INVALID_QUERY, ErrorCode.UNKNOWN_FIELD);
            }
        }
    }
}
