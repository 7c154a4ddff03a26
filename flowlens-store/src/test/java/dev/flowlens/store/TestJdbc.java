package dev.flowlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class TestJdbc {
    record Row(String name, Long first, long count, Integer small, double share, boolean flag) {}

    record Checked(String name) {
        Checked {
            Objects.requireNonNull(name, "name");
        }
    }

    @Test
    void rowsReadIntoRecordsByPosition() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<Row> rows = Jdbc.list(
                    c,
                    "SELECT * FROM (VALUES ('a', NULL::BIGINT, 3::BIGINT, 7::INTEGER, 0.5::DOUBLE, true), "
                            + "(?, 10::BIGINT, NULL::BIGINT, NULL::INTEGER, 1.5::DOUBLE, false)) ORDER BY 1",
                    List.of("b"),
                    Jdbc.record(Row.class));
            assertThat(rows)
                    .containsExactly(new Row("a", null, 3, 7, 0.5, true), new Row("b", 10L, 0, null, 1.5, false));
        }
    }

    @Test
    void aRecordThatRefusesTheRowFailsAsItsConstructorDoes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThatThrownBy(() -> Jdbc.list(c, "SELECT NULL::VARCHAR", List.of(), Jdbc.record(Checked.class)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("name");
        }
    }

    @Test
    void updateBindsNulls() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Jdbc.update(c, "CREATE TABLE t (a VARCHAR, b BIGINT)", List.of());
            assertThat(Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", Arrays.asList("x", null)))
                    .isEqualTo(1);
            assertThat(Jdbc.list(c, "SELECT a, b FROM t", List.of(), Jdbc.record(Named.class)))
                    .containsExactly(new Named("x", null));
        }
    }

    record Named(String name, Long value) {}
}
