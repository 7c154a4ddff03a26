package dev.flowlens.core.insights;

import java.util.Objects;

/**
 * How to plan a query: an optional time range on {@code @timestamp} (epoch seconds, inclusive), the
 * number of rows returned when the query has no {@code limit} (Logs Insights shows 1000 by default),
 * what the engine's records look like ({@link FieldStorage}) and the SQL it speaks ({@link SqlDialect}).
 */
public record PlanOptions(Long from, Long to, long defaultLimit, FieldStorage storage, SqlDialect dialect) {
    public static final long INSIGHTS_DEFAULT_LIMIT = 1000;

    public PlanOptions {
        if (defaultLimit <= 0) {
            throw new IllegalArgumentException("defaultLimit must be positive");
        }
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** Over the {@code flows} view, in DuckDB's SQL. */
    public PlanOptions(Long from, Long to, long defaultLimit) {
        this(from, to, defaultLimit, FieldStorage.FLOWS, DuckDbDialect.INSTANCE);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(null, null, INSIGHTS_DEFAULT_LIMIT);
    }

    public PlanOptions withStorage(FieldStorage newStorage) {
        return new PlanOptions(from, to, defaultLimit, newStorage, dialect);
    }

    public PlanOptions withDialect(SqlDialect newDialect) {
        return new PlanOptions(from, to, defaultLimit, storage, newDialect);
    }
}
