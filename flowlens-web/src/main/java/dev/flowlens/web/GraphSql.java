package dev.flowlens.web;

/**
 * The statements of {@code /api/graph}: edges between the nodes of a level, from the records
 * starting in [from, to]. Every statement takes (from, to, limit) after the parameters of its
 * level's own addresses ({@link #ENI}: from, to twice).
 */
final class GraphSql {
    /** How addresses become nodes. */
    enum Level {
        /** Each address. */
        ADDRESS,
        /** The /24 of an IPv4 address, the /64 of an IPv6 one. */
        SUBNET,
        /**
         * The interface whose own address it is, else its subnet. An interface's own address is
         * the one in most of its records (the other side changes with each peer); the lower id wins
         * when two interfaces share it.
         */
        ENI
    }

    private static final String OWN = "WITH seen AS (SELECT eni, a, count(*) AS n FROM ("
            + "SELECT interface_id AS eni, srcaddr AS a FROM flows WHERE start BETWEEN ? AND ? UNION ALL "
            + "SELECT interface_id, dstaddr FROM flows WHERE start BETWEEN ? AND ?) "
            + "WHERE a IS NOT NULL AND eni IS NOT NULL GROUP BY 1, 2), "
            + "own AS (SELECT a, min(eni) AS eni FROM (SELECT eni, a, row_number() OVER (PARTITION BY eni ORDER BY n DESC, a) AS k "
            + "FROM seen) WHERE k = 1 GROUP BY a) ";

    private GraphSql() {}

    /** How a level names the two ends of an edge: the SQL of each node, of the address behind it, and the FROM it needs. */
    private record Nodes(String with, String src, String dst, String srcAddress, String dstAddress, String from) {}

    /**
     * Columns {@code source, target, bytes, records, rejected, source_address, target_address} (the
     * address behind an interface node, else null), the heaviest edges first.
     */
    static String edges(Level level) {
        Nodes n = switch (level) {
            case ADDRESS -> new Nodes("", "f.srcaddr", "f.dstaddr", "NULL", "NULL", "flows f");
            case SUBNET -> new Nodes("", subnet("f.srcaddr"), subnet("f.dstaddr"), "NULL", "NULL", "flows f");
            case ENI ->
                new Nodes(
                        OWN,
                        "coalesce(os.eni, " + subnet("f.srcaddr") + ")",
                        "coalesce(od.eni, " + subnet("f.dstaddr") + ")",
                        "any_value(os.a)",
                        "any_value(od.a)",
                        "flows f LEFT JOIN own os ON os.a = f.srcaddr LEFT JOIN own od ON od.a = f.dstaddr");
        };
        return n.with() + "SELECT " + n.src() + " AS source, " + n.dst()
                + " AS target, sum(f.bytes) AS bytes, count(*) AS records, "
                + "count(*) FILTER (WHERE f.action = 'REJECT') AS rejected, " + n.srcAddress() + " AS source_address, "
                + n.dstAddress() + " AS target_address FROM " + n.from() + " WHERE f.start BETWEEN ? AND ? "
                + "AND f.srcaddr IS NOT NULL AND f.dstaddr IS NOT NULL GROUP BY 1, 2 "
                + "ORDER BY bytes DESC NULLS LAST, rejected DESC, 1, 2 LIMIT ?";
    }

    /** The /24 of an IPv4 address or the /64 of an IPv6 one, as CIDR text. */
    static String subnet(String column) {
        return "CASE WHEN contains(" + column + ", ':') THEN array_to_string(list_slice(string_split(" + column
                + ", ':'), 1, 4), ':') || '::/64' " + "ELSE regexp_replace(" + column + ", '\\.[0-9]+$', '.0/24') END";
    }
}
