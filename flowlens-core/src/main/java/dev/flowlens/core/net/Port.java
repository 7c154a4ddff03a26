package dev.flowlens.core.net;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/** A TCP or UDP port number, 0-65535, as a user types it ({@code --port 443}). */
public record Port(int number) {
    public Port {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("port " + number);
        }
    }

    /** The port {@code text} names, or a usage error ({@link ErrorCode#INVALID_PORT}) quoting it. */
    public static Port parse(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 0 && v <= 65535) {
                return new Port(v);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FlowlensException(ErrorCode.INVALID_PORT, "cannot read port '" + text + "': use a number 0-65535");
    }

    /** The number of {@code port}, null for null (an option not given). */
    public static Integer numberOf(Port port) {
        return port == null ? null : port.number();
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
