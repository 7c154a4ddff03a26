package dev.flowlens.core.error;

/** The stable codes of the core, the store and the command line; other modules add theirs through {@link ErrorCodeSupplier}. */
public enum ErrorCode implements ErrorCodeSupplier {
    INVALID_ARGUMENT(ErrorType.USAGE),
    INVALID_FORMAT(ErrorType.USAGE),
    INVALID_TIME(ErrorType.USAGE),
    INVALID_ADDRESS(ErrorType.USAGE),
    INVALID_PORT(ErrorType.USAGE),
    INVALID_PROTOCOL(ErrorType.USAGE),
    INVALID_FILTER_PATTERN(ErrorType.USAGE),
    INVALID_QUERY(ErrorType.USAGE),
    UNKNOWN_FIELD(ErrorType.USAGE),
    UNKNOWN_REPORT(ErrorType.USAGE),
    SQL_REFUSED(ErrorType.USAGE),
    INVALID_CONFIG(ErrorType.USAGE),
    PATH_NOT_FOUND(ErrorType.FAILURE),
    PATH_UNREADABLE(ErrorType.FAILURE),
    BAD_LINE_STRICT(ErrorType.FAILURE),
    WORKSPACE_UNAVAILABLE(ErrorType.FAILURE),
    /** The file is not a Flowlens workspace (another database, or not a database at all). */
    NOT_A_WORKSPACE(ErrorType.FAILURE),
    /** Another process (another Flowlens command) holds the workspace's lock. */
    WORKSPACE_BUSY(ErrorType.FAILURE),
    QUERY_FAILED(ErrorType.FAILURE),
    /** The query was cancelled: its --timeout passed, or Flowlens was stopped (Ctrl-C, SIGTERM). */
    QUERY_CANCELLED(ErrorType.FAILURE),
    /** The query needed more memory or temporary disk than its limits allow. */
    QUERY_OUT_OF_MEMORY(ErrorType.FAILURE),
    MISSING_FIELDS(ErrorType.FAILURE),
    DISK_FULL(ErrorType.FAILURE),
    /** No cloud credentials were found, or the service refused them. */
    SOURCE_CREDENTIALS(ErrorType.FAILURE),
    /** The credentials may not read the bucket, prefix or log group. */
    SOURCE_ACCESS_DENIED(ErrorType.FAILURE),
    /** The bucket (or log group) does not exist. */
    SOURCE_NOT_FOUND(ErrorType.FAILURE),
    /** The bucket lives in another region than the client's. */
    SOURCE_WRONG_REGION(ErrorType.FAILURE),
    /** The service could not be reached (network, endpoint, timeouts after every retry). */
    SOURCE_UNREACHABLE(ErrorType.FAILURE),
    /** The service kept answering that the request quota was exceeded after every retry. */
    SOURCE_THROTTLED(ErrorType.FAILURE),
    /** The run was stopped (Ctrl-C) after the objects in flight were committed. */
    INTERRUPTED(ErrorType.FAILURE),
    INTERNAL(ErrorType.INTERNAL);

    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = type;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
