package dev.flowlens.store.ingest;

/** Generated v2 records the ingest tests load: one interface, distinct source ports, fixed times. */
final class V2Records {
    static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    private V2Records() {}

    /**
     * Records {@code from} (inclusive) to {@code to}, one a line, no header: record {@code i} goes from
     * {@code 10.0.<salt>.<i % 250>} port {@code 30000 + i} to 172.31.0.9:443 with {@code 840 + i * bytesStep} bytes.
     */
    static String lines(int salt, int from, int to, int bytesStep) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("2 123456789012 eni-0a1b2c3d4e5f60718 10.0.")
                    .append(salt)
                    .append('.')
                    .append(i % 250)
                    .append(" 172.31.0.9 ")
                    .append(30000 + i)
                    .append(" 443 6 10 ")
                    .append(840 + i * bytesStep)
                    .append(" 1714521600 1714521660 ACCEPT OK\n");
        }
        return b.toString();
    }
}
