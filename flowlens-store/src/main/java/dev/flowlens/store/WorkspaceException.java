package dev.flowlens.store;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** A workspace that cannot be opened or used, with a message a person can act on. */
public class WorkspaceException extends FlowlensException {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message) {
        super(ErrorCode.WORKSPACE_UNAVAILABLE, message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(ErrorCode.WORKSPACE_UNAVAILABLE, message, cause);
    }

    /** With another workspace code: {@link ErrorCode#NOT_A_WORKSPACE}, {@link ErrorCode#WORKSPACE_BUSY}. */
    public WorkspaceException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
