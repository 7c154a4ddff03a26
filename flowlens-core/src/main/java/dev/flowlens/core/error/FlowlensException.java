package dev.flowlens.core.error;

import java.util.Objects;

/** A failure a person can act on: a stable code and a message that says what to do. */
public class FlowlensException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCodeSupplier code;

    public FlowlensException(ErrorCodeSupplier code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FlowlensException(ErrorCodeSupplier code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCodeSupplier code() {
        return code;
    }
}
