package dev.flowlens.cli.output;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape sequences stored in log lines never reach the terminal raw: not in the ingest summary,
 * bad-lines, tables or error messages; JSON escapes them and stays exact; CSV stays exact, and
 * {@code --csv-safe} defuses formula cells.
 */
class TestTerminalEscaping {
    private static final String ESC = "\u001b";
    private static final String RLO = "\u202e";
    private static final String BAD_PACKETS = "5" + ESC + "[2J" + RLO;
    private static final String BAD_ADDRESS = "ev" + ESC + "]0;x\u0007il\rz";

    @TempDir
    static Path dir;

    static Path db;
    static String ingestOut;

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("f.log");
        Files.writeString(
                file,
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
                        + "2 123456789012 eni-1 10.0.0.1 10.0.0.2 40000 443 6 10 5000 1700000000 1700000060 ACCEPT OK\n"
                        + "2 123456789012 eni-1 10.0.0.3 10.0.0.2 40001 22 6 " + BAD_PACKETS
                        + " 100 1700000010 1700000060 REJECT OK\n"
                        + "2 123456789012 eni-1 " + BAD_ADDRESS
                        + " 10.0.0.2 40002 443 6 5 2500 1700000020 1700000060 ACCEPT OK\n",
                StandardCharsets.UTF_8);
        db = dir.resolve("ws.db");
        Result r = run("ingest", "--db", db.toString(), file.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        ingestOut = r.out();
    }

    private static void assertNoRawControls(String text) {
        for (char c : text.toCharArray()) {
            if (c != '\n' && c != '\r' && TerminalText.isControl(c)) {
                throw new AssertionError(String.format("raw U+%04X in:%n%s", (int) c, TerminalText.escape(text)));
            }
        }
        assertThat(text.replace(System.lineSeparator(), "\n")).doesNotContain("\r");
    }

    @Test
    void escapesEveryKindOfControl() {
        assertThat(TerminalText.escape("a" + ESC + "[31mb\rc\u0007d\te\nf\u007fg\u009bh" + RLO + "i\u2066j\u200fk"))
                .isEqualTo("a\\x1b[31mb\\rc\\x07d\\te\\nf\\x7fg\\x9bh\\u202ei\\u2066j\\u200fk");
        String plain = "10.0.0.1 é 中 \\x1b";
        assertThat(TerminalText.escape(plain)).isSameAs(plain);
        assertThat(TerminalText.escape(null)).isNull();
    }

    @Test
    void ingestSummaryShowsBadLinesEscaped() {
        assertNoRawControls(ingestOut);
        assertThat(ingestOut).contains("5\\x1b[2J\\u202e").contains("ev\\x1b]0;x\\x07il\\rz");
    }

    @Test
    void badLinesTableIsEscapedJsonIsEscapedAndExact() throws Exception {
        Result table = run("bad-lines", "--db", db.toString());
        assertThat(table.code()).isEqualTo(0);
        assertNoRawControls(table.out());
        assertThat(table.out()).contains("5\\x1b[2J\\u202e");

        Result json = run("bad-lines", "--db", db.toString(), "-o", "json");
        assertNoRawControls(json.out());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows.get(0).get("text").asText()).isEqualTo(BAD_PACKETS);
        assertThat(rows.get(1).get("text").asText()).isEqualTo(BAD_ADDRESS);
        assertThat(json.out()).contains("\\u001B[2J\\u202e");
    }

    @Test
    void csvKeepsValuesExact() {
        Result csv = run("sql", "--db", db.toString(), "-o", "csv", "SELECT text FROM bad_lines ORDER BY line");
        assertThat(csv.code()).isEqualTo(0);
        assertThat(csv.out())
                .isEqualTo(
                        "text\n" + BAD_PACKETS + "\n\"" + BAD_ADDRESS + "\"\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void errorMessagesAreEscaped() {
        Result r = run("sql", "--db", db.toString(), "SELECT 'a" + ESC + "[31m" + RLO + "'::INTEGER");
        assertThat(r.code()).isEqualTo(1);
        assertNoRawControls(r.err());
        assertThat(r.err()).contains("a\\x1b[31m\\u202e").contains("[QUERY_FAILED]");
    }

    @Test
    void multiLineMessagesKeepTheirLines() {
        Result r = run("query", "--db", db.toString(), "filter dstport = 443 | stats sun(bytes)");
        assertThat(r.code()).isEqualTo(2);
        String[] lines = r.err().split("\\R");
        assertThat(lines[0]).startsWith("flowlens: unknown function 'sun'");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(" +\\^.*"));
        assertThat(TerminalText.escapeLines("a" + ESC + "\nb\rc\n")).isEqualTo("a\\x1b\nb\\rc\n");
    }

    @Test
    void csvSafeDefusesFormulasOnlyWhenAsked() {
        String sql =
                "SELECT '=HYPERLINK(\"http://x\")' AS a, '+1' AS b, '-cmd' AS c, '@SUM(1)' AS d, 'ok' AS e, -3 AS n";
        Result exact = run("sql", "--db", db.toString(), "-o", "csv", sql);
        assertThat(exact.out())
                .endsWith("\"=HYPERLINK(\"\"http://x\"\")\",+1,-cmd,@SUM(1),ok,-3" + System.lineSeparator());
        Result safe = run("sql", "--db", db.toString(), "-o", "csv", "--csv-safe", sql);
        assertThat(safe.out())
                .endsWith("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-cmd,'@SUM(1),ok,-3" + System.lineSeparator());
        Result query = run(
                "query", "--db", db.toString(), "-o", "csv", "--csv-safe", "fields concat('=', action) as f | limit 1");
        assertThat(query.code()).as(query.err()).isEqualTo(0);
        assertThat(query.out()).contains("'=ACCEPT");
    }
}
