package dev.flowlens.core.net;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/**
 * One IPv4 or IPv6 address as a user types it ({@code --address 10.0.1.5}): a {@link Cidr} block
 * of one, kept with its text.
 */
public record IpAddress(String text) {
    /** The address {@code text} names, or a usage error ({@link ErrorCode#INVALID_ADDRESS}) quoting it. */
    public static IpAddress parse(String text) {
        Cidr c;
        try {
            c = Cidr.parse(text);
        } catch (FlowlensException e) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ADDRESS,
                    "'" + text + "' is not an IP address: give one such as 10.0.1.5 or 2001:db8::1");
        }
        if (!c.isSingleAddress()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ADDRESS,
                    "'" + text + "' is a block of addresses: give one address such as 10.0.1.5");
        }
        return new IpAddress(text.trim());
    }

    /** The text of {@code address}, null for null (an option not given). */
    public static String textOf(IpAddress address) {
        return address == null ? null : address.text();
    }

    @Override
    public String toString() {
        return text;
    }
}
