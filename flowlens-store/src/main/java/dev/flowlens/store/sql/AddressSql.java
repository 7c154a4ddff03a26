package dev.flowlens.store.sql;

/**
 * How the store keeps an address field: two physical columns, {@code <field>_v4} (UINTEGER, the
 * canonical IPv4 dotted quad as a number) and {@code <field>_text} (VARCHAR, any other address as
 * logged: IPv6, or an IPv4 spelling with leading zeros). At most one of them is set; both NULL is
 * absent. The {@code flows} view shows the text of either. Column names passed in are names
 * Flowlens chose, never user text.
 */
public final class AddressSql {
    private AddressSql() {}

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String DOTTED_QUAD = OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET;

    public static String v4(String column) {
        return column + "_v4";
    }

    public static String text(String column) {
        return column + "_text";
    }

    /**
     * SQL for the dotted-quad text of a UINTEGER expression (NULL stays NULL). {@code concat_ws} of the
     * four numbers renders about 1.4x faster in DuckDB than a chain of casts and {@code ||}.
     */
    public static String render(String v4) {
        return "(CASE WHEN " + v4 + " IS NOT NULL THEN concat_ws('.', " + v4 + " >> 24, (" + v4 + " >> 16) & 255, ("
                + v4 + " >> 8) & 255, " + v4 + " & 255) END)";
    }

    /** SQL for the address text of a field from its two columns, as {@code flows} shows it. */
    public static String display(String v4, String text) {
        return "coalesce(" + text + ", " + render(v4) + ")";
    }

    /** SQL: the UINTEGER of a text expression when it is a canonical dotted quad, else NULL. */
    public static String parseV4(String textExpr) {
        String p = "CAST(split_part(" + textExpr + ", '.', %d) AS UINTEGER)";
        return "(CASE WHEN regexp_full_match(" + textExpr + ", '" + DOTTED_QUAD + "') THEN CAST(" + String.format(p, 1)
                + " * 16777216 + " + String.format(p, 2) + " * 65536 + " + String.format(p, 3) + " * 256 + "
                + String.format(p, 4) + " AS UINTEGER) END)";
    }

    /**
     * SQL for the two stored columns of an address given as text, in stored order
     * ({@code _v4, _text}); with {@code column}, each named as its stored column of that field.
     */
    public static String storedValues(String textExpr, String column) {
        String as4 = column == null ? "" : " AS " + v4(column);
        String asText = column == null ? "" : " AS " + text(column);
        return parseV4(textExpr) + as4 + ", " + keepText(textExpr) + asText;
    }

    /** SQL: the text expression when it is not a canonical dotted quad (kept as text), else NULL. */
    public static String keepText(String textExpr) {
        return "(CASE WHEN NOT regexp_full_match(" + textExpr + ", '" + DOTTED_QUAD + "') THEN " + textExpr + " END)";
    }
}
