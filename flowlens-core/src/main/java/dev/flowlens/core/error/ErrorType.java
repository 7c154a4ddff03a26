package dev.flowlens.core.error;

/** Whose fault a failure is, which decides the exit code and HTTP status. */
public enum ErrorType {
    /** The user's words are off: an option, a time, a pattern, a query. CLI exit 2, HTTP 400. */
    USAGE,
    /** The request was understood but could not be done: unreadable input, strict mode. Exit 1, HTTP 422. */
    FAILURE,
    /** A bug or an environment problem. Exit 1, HTTP 500. */
    INTERNAL
}
