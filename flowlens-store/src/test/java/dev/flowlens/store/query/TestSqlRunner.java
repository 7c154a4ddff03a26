package dev.flowlens.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestSqlRunner {
    @TempDir
    static Path dir;

    static SqlRunner runner;

    @BeforeAll
    static void load() throws Exception {
        Path db = InsightsTestData.workspace(dir, 300, 3);
        Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
        runner = SqlRunner.open(db);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    @Test
    void athenaStyleQueryRuns() {
        QueryResult r = runner.run(
                "SELECT srcaddr, sum(bytes) AS total FROM flows WHERE action = 'REJECT' AND protocol = 6 "
                        + "GROUP BY srcaddr ORDER BY total DESC LIMIT 5;",
                100);
        assertThat(r.columns()).containsExactly("srcaddr", "total");
        assertThat(r.rows()).hasSize(5);
        assertThat(runner.run("-- comment\nWITH x AS (SELECT \"end\" - start AS d FROM flows) SELECT max(d) FROM x", 10)
                        .rows())
                .hasSize(1);
    }

    @Test
    void maxRowsCapsTheResult() {
        assertThat(runner.run("SELECT * FROM flows", 7).rows()).hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM flows",
                "INSERT INTO flows (version) VALUES (1)",
                "DROP TABLE flows",
                "CREATE TEMP TABLE t AS SELECT 1",
                "ATTACH 'other.db' AS o",
                "COPY flows TO 'out.csv'",
                "INSTALL httpfs",
                "LOAD httpfs",
                "PRAGMA database_list",
                "SET threads = 1",
                "SELECT 1; DROP TABLE flows",
                "EXPORT DATABASE 'x'",
                "CALL pragma_version()",
                "UPDATE flows SET bytes = 0"
            })
    void writesAndOutsideAccessAreRefusedByTheStatementCheck(String sql) {
        assertThatThrownBy(() -> runner.run(sql, 10))
                .isInstanceOf(FlowlensException.class)
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.SQL_REFUSED));
    }

    @Test
    void theDatabaseRefusesFileReadingEvenInsideASelect() {
        String csv = dir.resolve("secret.csv").toString();
        for (String sql : new String[] {
            "SELECT * FROM read_csv('" + csv + "')",
            "SELECT * FROM glob('" + dir + "/*')",
            "SELECT * FROM read_text('" + csv + "')",
            "SELECT * FROM '" + csv + "'",
            "WITH x AS (SELECT 1) SELECT * FROM read_parquet('" + csv + "')"
        }) {
            assertThatThrownBy(() -> runner.run(sql, 10))
                    .as(sql)
                    .isInstanceOf(FlowlensException.class)
                    .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.SQL_REFUSED));
        }
    }

    @Test
    void badSqlIsAQueryFailure() {
        assertThatThrownBy(() -> runner.run("SELECT nosuchcolumn FROM flows", 10))
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.QUERY_FAILED));
    }
}
