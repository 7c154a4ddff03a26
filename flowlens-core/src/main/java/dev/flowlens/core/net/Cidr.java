package dev.flowlens.core.net;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/16}, {@code 2001:db8::/32}); a plain address is a
 * block of one. Parsed without name lookups.
 *
 * @param address the network address bytes (4 or 16), host bits cleared
 * @param prefixLength bits of the prefix
 */
public record Cidr(byte[] address, int prefixLength) {

    public Cidr {
        address = address.clone();
        int bits = address.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            address[i] &= (byte) (0xff << (8 - keep));
        }
    }

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = parseAddress(addr);
        if (bytes == null) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ADDRESS,
                    "cannot read address '" + text
                            + "': use an IPv4 or IPv6 address or CIDR block (10.0.0.0/16, 2001:db8::/32)");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new FlowlensException(
                        ErrorCode.INVALID_ADDRESS,
                        "cannot read CIDR block '" + text + "': the prefix length must be 0-" + bytes.length * 8);
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** The address bytes (4 or 16) of an IPv4 or IPv6 literal, or null when it is not one. */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty()
                        || parts[i].length() > 3
                        || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return b;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                // an IPv4-mapped IPv6 literal: keep it as IPv6
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public boolean isSingleAddress() {
        return prefixLength == address.length * 8;
    }

    public boolean contains(String addressText) {
        byte[] b = parseAddress(addressText);
        return b != null && contains(b);
    }

    public boolean contains(byte[] other) {
        if (other.length != address.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((other[i] & mask) != (address[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** The first address of the block as an unsigned number (32 or 128 bits). */
    public BigInteger first() {
        return new BigInteger(1, address);
    }

    /** The last address of the block as an unsigned number. */
    public BigInteger last() {
        int hostBits = address.length * 8 - prefixLength;
        return first().add(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));
    }

    /** The network address as text. */
    public String networkAddress() {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return networkAddress() + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && java.util.Arrays.equals(c.address, address);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(address) * 31 + prefixLength;
    }
}
