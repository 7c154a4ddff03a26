package dev.flowlens.core.conversation;

/** What the security groups and network ACLs did with the packets of a flow record. */
public enum Action {
    ACCEPT,
    REJECT;

    /** {@code ACCEPT}/{@code REJECT} as logged, or null for {@code -} and anything else. */
    public static Action parse(String text) {
        if ("ACCEPT".equals(text)) {
            return ACCEPT;
        }
        if ("REJECT".equals(text)) {
            return REJECT;
        }
        return null;
    }
}
