package dev.flowlens.store.query;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Limits of one user query ({@code flowlens sql}, {@code flowlens query}): how long it may run,
 * and how much memory and temporary disk DuckDB may use for it.
 *
 * @param timeoutSeconds cancel the query after this many seconds; 0 = never
 * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code 2GB}; null = DuckDB's default (80% of RAM)
 * @param maxTempSize DuckDB's {@code max_temp_directory_size}, e.g. {@code 10GB}; null = DuckDB's default
 *     (90% of the free disk)
 */
public record QueryLimits(long timeoutSeconds, String memoryLimit, String maxTempSize) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 60;
    public static final String DEFAULT_MEMORY_LIMIT = "2GB";
    public static final QueryLimits DEFAULTS = new QueryLimits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MEMORY_LIMIT, null);
    public static final QueryLimits NONE = new QueryLimits(0, null, null);

    public QueryLimits {
        if (timeoutSeconds < 0) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--timeout " + timeoutSeconds + " must be 0 (no limit) or a number of seconds");
        }
        memoryLimit = size(memoryLimit, "--memory-limit");
        maxTempSize = size(maxTempSize, "--max-temp-size");
    }

    /**
     * Makes a connection fit to run user queries: these limits, no file or network access, no
     * extension loading, and the configuration locked so no SET or PRAGMA in a query can lift it.
     * Only for connections that run what a user wrote (ingest reads Parquet with read_parquet).
     */
    public void lockDown(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (memoryLimit != null) {
                st.execute("SET memory_limit = '" + memoryLimit + "'");
            }
            if (maxTempSize != null) {
                st.execute("SET max_temp_directory_size = '" + maxTempSize + "'");
            }
            st.execute("SET enable_external_access = false");
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("SET lock_configuration = true");
        }
    }

    /**
     * A size as DuckDB's settings take it: a number and a unit (B, KB, MB, GB, TB, KiB, MiB, GiB,
     * TiB), e.g. {@code 512MB} or {@code 1.5GB}. Checked here because a SET takes no parameter.
     */
    static String size(String text, String option) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String number = t.substring(0, i);
        String unit = t.substring(i).strip().toUpperCase(Locale.ROOT);
        boolean numberOk = !number.isEmpty()
                && number.chars().filter(c -> c == '.').count() <= 1
                && Character.isDigit(number.charAt(0))
                && Character.isDigit(number.charAt(number.length() - 1));
        boolean unitOk = switch (unit) {
            case "B", "KB", "MB", "GB", "TB", "KIB", "MIB", "GIB", "TIB" -> true;
            default -> false;
        };
        if (!numberOk || !unitOk || Double.parseDouble(number) <= 0) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    option + " " + text + " is not a size: write e.g. 512MB, 2GB or 1.5GiB");
        }
        return number + unit.replace("IB", "iB");
    }
}
