package dev.flowlens.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A header or a --format that names one column twice is a located error, never merged silently. */
class TestDuplicateFieldNames {
    private static final String V2 =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String RECORD =
            "2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK";

    /** What {@code format} throws, checked to be an {@link ErrorCode#INVALID_FORMAT} error. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalidFormat(ThrowingCallable format) {
        return assertThatThrownBy(format)
                .isInstanceOfSatisfying(
                        FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FORMAT));
    }

    @Test
    void headerNamingAFieldTwiceIsRefused() {
        assertInvalidFormat(() -> FlowFormat.fromHeaderLine("version srcaddr srcaddr dstaddr"))
                .hasMessageContaining("'srcaddr' appears twice (fields 2 and 3)");
    }

    @Test
    void namesThatDifferOnlyInCaseOrSpellingCollide() {
        assertInvalidFormat(() -> FlowFormat.fromHeaderLine("version srcaddr SrcAddr dstaddr"))
                .hasMessageContaining("'srcaddr' and 'SrcAddr' name the same field (fields 2 and 3)");
        assertInvalidFormat(() -> FlowFormat.fromHeaderLine("version srcaddr dstaddr x-note X_Note"))
                .hasMessageContaining("'x-note' and 'X_Note'");
        assertInvalidFormat(() -> FlowFormat.parseUserFormat("${version} ${srcaddr} ${srcaddr}"))
                .hasMessageContaining("appears twice");
    }

    @Test
    void aNormalHeaderStillReads() {
        assertThat(FlowFormat.fromHeaderLine(V2)).isEqualTo(FlowFormat.DEFAULT_V2);
    }

    @Test
    void theFileReportsTheHeaderAndItsRecordsAsBadLinesUntilAUsableHeader() {
        List<ParseProblem> problems = new ArrayList<>();
        long[] rows = {0};
        RecordAssembler a = new RecordAssembler(
                "f.log", FlowFormat.DEFAULT_V2, 16, batch -> rows[0] += batch.size(), problems::add);
        String[] lines = {V2.replace("dstaddr", "srcaddr"), RECORD, V2, RECORD};
        for (int i = 0; i < lines.length; i++) {
            byte[] b = lines[i].getBytes(StandardCharsets.UTF_8);
            a.line(b, 0, b.length, i + 1, null);
        }
        a.flush();
        assertThat(problems).extracting(ParseProblem::line).containsExactly(1L, 2L);
        assertThat(problems.get(0).reason()).contains("'srcaddr' appears twice (fields 4 and 5)");
        assertThat(problems.get(0).text()).startsWith("version account-id");
        assertThat(problems.get(1).reason()).contains("under the header of line 1");
        assertThat(rows[0]).isEqualTo(1);
        assertThat(a.records()).isEqualTo(1);
    }
}
