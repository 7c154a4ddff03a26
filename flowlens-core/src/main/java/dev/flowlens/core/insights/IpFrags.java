package dev.flowlens.core.insights;

/** SQL that reads addresses kept as text: their shape, an IPv4 address as a number, an IPv6 address as hex. */
final class IpFrags {
    /** A regular expression literal (SQL) for the shape of a dotted quad. */
    static final String IPV4_SHAPE = "'[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}'";

    private IpFrags() {}

    /** An IPv4 address as a number; NULL for anything that is not a dotted quad. */
    static Frag ipv4Number(Frag x) {
        Frag.Builder b =
                Frag.builder().sql("(CASE WHEN regexp_full_match(").frag(x).sql(", " + IPV4_SHAPE + ") THEN ");
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
    static Frag ipv6Hex(Frag x) {
        Frag left = Frag.builder().sql("split_part(").frag(x).sql(", '::', 1)").build(ValueKind.TEXT);
        Frag right = Frag.builder().sql("split_part(").frag(x).sql(", '::', 2)").build(ValueKind.TEXT);
        return Frag.builder()
                .sql("(CASE WHEN contains(")
                .frag(x)
                .sql(", ':') THEN lower(CASE WHEN contains(")
                .frag(x)
                .sql(", '::') THEN ")
                .frag(padGroups(left))
                .sql(" || repeat('0000', 8 - ")
                .frag(groupCount(left))
                .sql(" - ")
                .frag(groupCount(right))
                .sql(") || ")
                .frag(padGroups(right))
                .sql(" ELSE ")
                .frag(padGroups(x))
                .sql(" END) END)")
                .build(ValueKind.TEXT);
    }

    private static Frag padGroups(Frag s) {
        return Frag.builder()
                .sql("(CASE WHEN ")
                .frag(s)
                .sql(" = '' THEN '' ELSE array_to_string(list_transform(string_split(")
                .frag(s)
                .sql(", ':'), lambda g: lpad(g, 4, '0')), '') END)")
                .build(ValueKind.TEXT);
    }

    private static Frag groupCount(Frag s) {
        return Frag.builder()
                .sql("(CASE WHEN ")
                .frag(s)
                .sql(" = '' THEN 0 ELSE len(string_split(")
                .frag(s)
                .sql(", ':')) END)")
                .build(ValueKind.NUMBER);
    }
}
