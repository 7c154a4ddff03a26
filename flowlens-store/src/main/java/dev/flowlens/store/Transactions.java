package dev.flowlens.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a connection that is committed whole or not at all. */
public final class Transactions {
    private Transactions() {}

    /** Statements run together. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code c}: committed when it returns, rolled back when
     * it throws. The connection's auto-commit is as before afterwards.
     */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
