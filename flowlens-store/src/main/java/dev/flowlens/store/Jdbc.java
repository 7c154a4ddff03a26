package dev.flowlens.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Queries whose rows become values: the statement, its parameters and how one row reads. */
public final class Jdbc {
    private Jdbc() {}

    /** Reads the current row of a result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs the statement {@code sql} with {@code params} (nulls allowed) bound in order; returns the rows changed. */
    public static int update(Connection c, String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs {@code sql} with {@code params} bound in order and reads every row with {@code row}. */
    public static <T> List<T> list(Connection c, String sql, List<?> params, RowReader<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        }
        return out;
    }

    /**
     * Reads a row into a {@code type} record: column {@code i} (from 1) is the record's component
     * {@code i}. A nullable component (a wrapper type) takes SQL NULL as null, a primitive one as 0.
     */
    public static <R extends Record> RowReader<R> record(Class<R> type) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<R> canonical;
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " is not a record with a canonical constructor", e);
        }
        return rs -> {
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = column(rs, i + 1, types[i]);
            }
            try {
                return canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Object column(ResultSet rs, int i, Class<?> type) throws SQLException {
        if (type == long.class) {
            return rs.getLong(i);
        } else if (type == int.class) {
            return rs.getInt(i);
        } else if (type == double.class) {
            return rs.getDouble(i);
        } else if (type == boolean.class) {
            return rs.getBoolean(i);
        } else if (type == String.class) {
            return rs.getString(i);
        }
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        } else if (type == Long.class) {
            return ((Number) v).longValue();
        } else if (type == Integer.class) {
            return ((Number) v).intValue();
        } else if (type == Double.class) {
            return ((Number) v).doubleValue();
        }
        return type.cast(v);
    }

    private static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
