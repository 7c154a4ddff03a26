package dev.flowlens.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options a command mixes in are checked before it runs, nested mixins too. */
class TestCheckedOptions {
    @Command(name = "probe")
    static final class Probe extends PrintingCommand {
        @Mixin
        ListingOptions listing = new ListingOptions(10, OutputFormat.TABLE, OutputFormat.JSON);

        boolean ran;

        @Override
        protected int run(PrintWriter out) {
            ran = true;
            out.print(listing.format() + " " + listing.limit());
            return 0;
        }
    }

    private static Probe probe(String... args) throws Exception {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p).setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.parseArgs(args);
        assertThat(p.call()).isZero();
        assertThat(out.toString()).isEqualTo(p.listing.format() + " " + p.listing.limit());
        return p;
    }

    @Test
    void goodValuesRun() throws Exception {
        assertThat(probe("-o", "json", "--limit", "3").ran).isTrue();
        assertThat(probe().listing.limit()).isEqualTo(10);
    }

    @Test
    void aFormatTheCommandDoesNotOfferIsAUsageErrorBeforeItRuns() {
        Probe p = new Probe();
        new CommandLine(p).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("-o", "csv");
        assertThatThrownBy(p::call)
                .isInstanceOfSatisfying(
                        FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("table")
                .hasMessageContaining("json");
        assertThat(p.ran).isFalse();
    }

    @Test
    void aNestedLimitBelowOneIsAUsageErrorBeforeItRuns() {
        Probe p = new Probe();
        new CommandLine(p).parseArgs("--limit", "0");
        assertThatThrownBy(p::call).hasMessageContaining("--limit must be at least 1");
        assertThat(p.ran).isFalse();
    }

    @Test
    void everyFormatWhenTheCommandDeclaresNone() {
        OutputOption any = new OutputOption();
        any.format = OutputFormat.TEXT;
        any.check();
        OutputOption rows = OutputOption.rows();
        rows.format = OutputFormat.TEXT;
        assertThatThrownBy(rows::check).isInstanceOf(FlowlensException.class);
    }
}
