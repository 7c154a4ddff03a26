package dev.flowlens.core.rules;

import dev.flowlens.core.net.Protocols;

/** Protocols as the EC2 API writes them in rules: {@code -1} (all), a name or a number. */
public final class RuleProtocol {
    public static final int ALL = -1;

    private RuleProtocol() {}

    /** -1 for all protocols, else the IANA number. */
    public static int parse(String text) {
        if (text == null || text.equals("-1") || text.equalsIgnoreCase("all")) {
            return ALL;
        }
        return Protocols.parse(text);
    }

    public static boolean matches(int ruleProtocol, int protocol) {
        return ruleProtocol == ALL || ruleProtocol == protocol;
    }

    /** Protocols whose rules carry a port range. */
    public static boolean hasPorts(int protocol) {
        return protocol == 6 || protocol == 17;
    }

    public static String describe(int protocol, PortRange ports) {
        if (protocol == ALL) {
            return "all traffic";
        }
        String name = Protocols.name(protocol);
        return hasPorts(protocol) && ports != null && !ports.isAll()
                ? name + " " + ports
                : name + (hasPorts(protocol) ? " all ports" : "");
    }
}
