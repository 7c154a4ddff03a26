package dev.flowlens.store.query;

import java.util.List;

/**
 * Where the rows of a query go, one at a time, as the database produces them: nothing is held
 * in between, so a result of any size passes in bounded memory.
 */
public interface RowSink {
    /** Called once, before the first row. */
    void start(List<String> columns);

    /**
     * One row: String, Long, Double, Boolean or null per column. The list may be reused for the
     * next row; copy it to keep it.
     */
    void row(List<Object> values);
}
