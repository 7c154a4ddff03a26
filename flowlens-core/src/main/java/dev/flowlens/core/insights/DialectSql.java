package dev.flowlens.core.insights;

import dev.flowlens.core.insights.SqlDialect.Construct;
import java.util.List;
import java.util.Objects;

/** A {@link SqlDialect}'s constructs as fragments: its templates filled with compiled arguments. */
final class DialectSql {
    private final SqlDialect dialect;

    DialectSql(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** The construct {@code c} of the arguments {@code args}, a value of kind {@code kind}. */
    Frag of(Construct c, ValueKind kind, Frag... args) {
        return of(c, kind, List.of(args));
    }

    Frag of(Construct c, ValueKind kind, List<Frag> args) {
        Frag.Builder b = Frag.builder();
        SqlDialect.fill(dialect.template(c), b::sql, i -> b.frag(args.get(i)));
        return b.build(kind);
    }

    /** A value as text. */
    Frag text(Frag f) {
        return f.kind() == ValueKind.TEXT ? f : of(Construct.TEXT_CAST, ValueKind.TEXT, f);
    }

    /** A string literal written in the SQL (text of the planner's, never the user's). */
    Frag literal(String value) {
        return Frag.of(dialect.stringLiteral(value), ValueKind.TEXT);
    }

    /** Whether the whole text {@code x} matches {@code regex} (the planner's, never the user's). */
    Frag fullMatch(Frag x, String regex) {
        return of(Construct.REGEX_FULL_MATCH, ValueKind.BOOLEAN, x, literal(dialect.fullMatchRegex(regex)));
    }

    /** An ORDER BY key. */
    Frag order(Frag key, boolean descending) {
        return of(descending ? Construct.ORDER_DESCENDING : Construct.ORDER_ASCENDING, ValueKind.ANY, key);
    }

    boolean hasQualify() {
        return dialect.hasQualify();
    }
}
