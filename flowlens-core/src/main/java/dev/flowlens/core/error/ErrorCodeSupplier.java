package dev.flowlens.core.error;

/**
 * A stable error code and whose fault it is. {@link ErrorCode} holds the codes of the core, the
 * store and the command line; a module adds its own as an enum implementing this interface (as
 * Trino's connectors do with {@code ErrorCodeSupplier}), and the one mapper that turns a failure into
 * an exit code or an HTTP status reads only {@link #type()}, so no central switch is edited.
 */
public interface ErrorCodeSupplier {
    /** The code as shown to users, e.g. {@code WORKSPACE_BUSY}. Unique across modules. */
    String name();

    ErrorType type();
}
