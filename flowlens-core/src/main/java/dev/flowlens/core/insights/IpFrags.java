package dev.flowlens.core.insights;

/** SQL that reads addresses kept as text: their shape, an IPv4 address as a number, an IPv6 address as hex. */
final class IpFrags {
    /** A regular expression for the shape of a dotted quad. */
    static final String IPV4_SHAPE = "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}";

    private IpFrags() {}

    /** An IPv4 address as a number; NULL for anything that is not a dotted quad. */
    static Frag ipv4Number(DialectSql dialect, Frag x) {
        Frag.Builder b = Frag.builder()
                .sql("(CASE WHEN ")
                .frag(dialect.fullMatch(x, IPV4_SHAPE))
                .sql(" THEN ");
        long[] weights = {16777216L, 65536L, 256L, 1L};
        for (int k = 0; k < 4; k++) {
            b.sql(k == 0 ? "" : " + ").sql("CAST(split_part(").frag(x).sql(", '.', " + (k + 1) + ") AS BIGINT)");
            if (weights[k] != 1) {
                b.sql(" * " + weights[k]);
            }
        }
        return b.sql(" END)").build(ValueKind.NUMBER);
    }

    /** An IPv6 address as 32 lower-case hex digits (no embedded IPv4 form); NULL for non-IPv6 text. */
    static Frag ipv6Hex(DialectSql dialect, Frag x) {
        Frag left = Frag.builder().sql("split_part(").frag(x).sql(", '::', 1)").build(ValueKind.TEXT);
        Frag right = Frag.builder().sql("split_part(").frag(x).sql(", '::', 2)").build(ValueKind.TEXT);
        return Frag.builder()
                .sql("(CASE WHEN contains(")
                .frag(x)
                .sql(", ':') THEN lower(CASE WHEN contains(")
                .frag(x)
                .sql(", '::') THEN ")
                .frag(padGroups(dialect, left))
                .sql(" || repeat('0000', 8 - ")
                .frag(groupCount(dialect, left))
                .sql(" - ")
                .frag(groupCount(dialect, right))
                .sql(") || ")
                .frag(padGroups(dialect, right))
                .sql(" ELSE ")
                .frag(padGroups(dialect, x))
                .sql(" END) END)")
                .build(ValueKind.TEXT);
    }

    private static Frag padGroups(DialectSql dialect, Frag s) {
        return unlessEmpty(dialect, s, "''", SqlDialect.Construct.PADDED_GROUPS, ValueKind.TEXT);
    }

    private static Frag groupCount(DialectSql dialect, Frag s) {
        return unlessEmpty(dialect, s, "0", SqlDialect.Construct.GROUP_COUNT, ValueKind.NUMBER);
    }

    /** {@code empty} for the empty string {@code s}, else the dialect's {@code construct} of it. */
    private static Frag unlessEmpty(
            DialectSql dialect, Frag s, String empty, SqlDialect.Construct construct, ValueKind kind) {
        return Frag.builder()
                .sql("(CASE WHEN ")
                .frag(s)
                .sql(" = '' THEN " + empty + " ELSE ")
                .frag(dialect.of(construct, kind, s))
                .sql(" END)")
                .build(kind);
    }
}
