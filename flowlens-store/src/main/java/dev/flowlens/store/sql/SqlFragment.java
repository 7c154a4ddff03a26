package dev.flowlens.store.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL written by Flowlens with its bound parameters. User values only ever travel in
 * {@link #params()}, never inside {@link #sql()}.
 */
public record SqlFragment(String sql, List<Object> params) {
    public static final SqlFragment TRUE = new SqlFragment("TRUE", List.of());

    public SqlFragment {
        params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** Binds the parameters from position {@code first} (1-based); returns the next position. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    /** The parts joined with AND; {@link #TRUE} when there are none. */
    public static SqlFragment and(List<SqlFragment> parts) {
        return parts.isEmpty() ? TRUE : join(" AND ", parts);
    }

    /** The alternatives joined with OR (at least one). */
    public static SqlFragment or(List<SqlFragment> alternatives) {
        return alternatives.size() == 1 ? alternatives.get(0) : join(" OR ", alternatives);
    }

    private static SqlFragment join(String operator, List<SqlFragment> parts) {
        StringBuilder b = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment p : parts) {
            if (b.length() > 0) {
                b.append(operator);
            }
            b.append('(').append(p.sql()).append(')');
            params.addAll(p.params());
        }
        return new SqlFragment(b.toString(), params);
    }
}
