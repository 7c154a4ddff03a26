package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;
import dev.flowlens.core.insights.FieldStorage.AddressColumns;
import dev.flowlens.core.insights.InsightsFunction.Arg;
import dev.flowlens.core.insights.SqlDialect.Construct;
import dev.flowlens.core.net.Ipv4;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the expressions of a query to SQL over a {@link Layer}: fields, literals bound as
 * parameters, operators with Insights' loose typing, and calls, which are checked and compiled as
 * {@link InsightsFunctions} describes them. Errors point at the expression in the query text
 * ({@code text}); {@code storage} says how fields are stored, {@code dialect} how SQL is written.
 */
record ExprCompiler(String text, FieldStorage storage, DialectSql dialect) {
    private static final String STATS_TAKES =
            "stats takes aggregate functions (" + InsightsFunctions.aggregateList() + ")";

    ParsingException error(Expr e, String message) {
        return error(e.offset(), message);
    }

    ParsingException error(int offset, String message) {
        return new ParsingException(ErrorCode.INVALID_QUERY, text, offset, message);
    }

    ParsingException unknownField(String name, int offset, Scope layer) {
        Optional<String> near = InsightsFields.nearest(name, layer.knownNames());
        String msg = "unknown field '" + name + "'"
                + near.map(n -> "; did you mean '" + n + "'?").orElse("");
        if (!layer.root() && InsightsFields.resolve(name).isPresent()) {
            msg = "field '" + name + "' is not available after stats; only the stats results and their 'by' fields are";
        }
        return new ParsingException(ErrorCode.UNKNOWN_FIELD, text, offset, msg);
    }

    Frag resolve(Scope layer, Expr.Field f) {
        return layer.lookup(f.name()).orElseThrow(() -> unknownField(f.name(), f.offset(), layer));
    }

    /** The SQL of an expression; names the innermost expression whose SQL grows too long. */
    Frag compile(Expr e, Scope layer) {
        try {
            return compileExpr(e, layer);
        } catch (Frag.TooLarge tooLarge) {
            throw error(e, "this expression compiles to more than " + Frag.MAX_SQL_CHARS + " characters of SQL");
        }
    }

    private Frag compileExpr(Expr e, Scope layer) {
        if (e instanceof Expr.Field f) {
            return resolve(layer, f);
        } else if (e instanceof Expr.Text t) {
            return Frag.builder().param(t.value()).build(ValueKind.TEXT);
        } else if (e instanceof Expr.Number n) {
            return Frag.builder().param(numberValue(n)).build(ValueKind.NUMBER);
        } else if (e instanceof Expr.Regex r) {
            throw error(e, "a regular expression can only follow 'like' or '=~', or be a parse pattern");
        } else if (e instanceof Expr.Duration d) {
            throw error(
                    e,
                    "a time period such as " + d.text() + " can only be an argument of "
                            + InsightsFunctions.takingArg(Arg.PERIOD));
        } else if (e instanceof Expr.Star) {
            throw error(e, "'*' can only be the argument of count(*)");
        } else if (e instanceof Expr.ListOf) {
            throw error(e, "a list can only follow 'in'");
        } else if (e instanceof Expr.Unary u) {
            Frag x = compile(u.operand(), layer);
            if (u.op() == Expr.UnaryOp.NOT) {
                return Frag.builder().sql("(NOT ").frag(x).sql(")").build(ValueKind.BOOLEAN);
            }
            return Frag.builder().sql("(-").frag(numeric(x)).sql(")").build(ValueKind.NUMBER);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, layer);
        } else if (e instanceof Expr.Call c) {
            InsightsFunction fn = function(c, false);
            if (fn.aggregate()) {
                throw error(
                        e,
                        c.name() + "() is an aggregate function: use it in stats, e.g. 'stats " + c.name()
                                + "(...) by srcAddr'");
            }
            return call(fn, c, compileArgs(fn, c, layer), layer);
        }
        throw new AssertionError(e);
    }

    private static Object numberValue(Expr.Number n) {
        return n.isIntegral() ? (Object) (long) n.value() : (Object) n.value();
    }

    private Frag binary(Expr.Binary b, Scope layer) {
        return switch (b.op()) {
            case AND, OR ->
                Frag.builder()
                        .sql("(")
                        .frag(compile(b.left(), layer))
                        .sql(b.op() == Expr.BinaryOp.AND ? " AND " : " OR ")
                        .frag(compile(b.right(), layer))
                        .sql(")")
                        .build(ValueKind.BOOLEAN);
            case EQ, NE, LT, LE, GT, GE -> comparison(b, layer);
            case LIKE, NOT_LIKE, MATCHES -> matches(b, layer);
            case IN, NOT_IN -> in(b, layer);
            case ADD, SUB, MUL, DIV, MOD, POW ->
                arithmetic(b.op(), numeric(compile(b.left(), layer)), numeric(compile(b.right(), layer)));
        };
    }

    /** {@code a + b} and the like of two numbers; {@code ^} is {@code power(a, b)}. */
    Frag arithmetic(Expr.BinaryOp op, Frag left, Frag right) {
        if (op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD) {
            return dialect.of(
                    op == Expr.BinaryOp.DIV ? Construct.DIVIDE : Construct.MODULO, ValueKind.NUMBER, left, right);
        }
        if (op == Expr.BinaryOp.POW) {
            return Frag.builder()
                    .sql("power(")
                    .frag(left)
                    .sql(", ")
                    .frag(right)
                    .sql(")")
                    .build(ValueKind.NUMBER);
        }
        return Frag.builder()
                .sql("(")
                .frag(left)
                .sql(" " + op.symbol() + " ")
                .frag(right)
                .sql(")")
                .build(ValueKind.NUMBER);
    }

    /** like, not like, =~: a substring or a regular expression, false where the value is absent. */
    private Frag matches(Expr.Binary b, Scope layer) {
        Frag x = text(compile(b.left(), layer));
        Frag.Builder f = Frag.builder().sql(b.op() == Expr.BinaryOp.NOT_LIKE ? "(NOT coalesce(" : "coalesce(");
        if (b.right() instanceof Expr.Regex r) {
            f.frag(dialect.of(
                    Construct.REGEX_FIND,
                    ValueKind.BOOLEAN,
                    x,
                    Frag.builder().param(regex(r)).build(ValueKind.TEXT)));
        } else {
            f.sql("contains(")
                    .frag(x)
                    .sql(", ")
                    .param(((Expr.Text) b.right()).value())
                    .sql(")");
        }
        f.sql(", false)");
        if (b.op() == Expr.BinaryOp.NOT_LIKE) {
            f.sql(")");
        }
        return f.build(ValueKind.BOOLEAN);
    }

    /** in, not in: a value compared as text when a listed text is not a number. */
    private Frag in(Expr.Binary b, Scope layer) {
        Frag x = compile(b.left(), layer);
        List<Expr> items = ((Expr.ListOf) b.right()).items();
        if (items.isEmpty()) {
            return Frag.of(b.op() == Expr.BinaryOp.IN ? "FALSE" : "TRUE", ValueKind.BOOLEAN);
        }
        boolean asText = false;
        for (Expr it : items) {
            if (x.kind() != ValueKind.TEXT && it instanceof Expr.Text t && literalNumber(t.value()) == null) {
                asText = true;
            }
        }
        Frag left = asText ? text(x) : x;
        Frag.Builder f = Frag.builder().sql("(").frag(left).sql(b.op() == Expr.BinaryOp.IN ? " IN (" : " NOT IN (");
        for (int k = 0; k < items.size(); k++) {
            f.sql(k == 0 ? "" : ", ").frag(coerce(items.get(k), left, layer));
        }
        return f.sql("))").build(ValueKind.BOOLEAN);
    }

    /** A comparison with Insights' loose typing: a number field equals "80" and 80 alike. */
    private Frag comparison(Expr.Binary b, Scope layer) {
        String op = b.op() == Expr.BinaryOp.NE ? " <> " : " " + b.op().symbol() + " ";
        Expr l = b.left();
        Expr r = b.right();
        if (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) {
            Frag stored = storedAddressEquality(l, r, b.op() == Expr.BinaryOp.NE, layer);
            if (stored == null) {
                stored = storedAddressEquality(r, l, b.op() == Expr.BinaryOp.NE, layer);
            }
            if (stored != null) {
                return stored;
            }
        }
        Frag lf;
        Frag rf;
        if (isLiteral(r) && !isLiteral(l)) {
            lf = compile(l, layer);
            rf = coerce(r, lf, layer);
            lf = alike(lf, rf);
        } else if (isLiteral(l) && !isLiteral(r)) {
            rf = compile(r, layer);
            lf = coerce(l, rf, layer);
            rf = alike(rf, lf);
        } else {
            lf = compile(l, layer);
            rf = compile(r, layer);
            if (isNumberLike(lf) != isNumberLike(rf) && lf.kind() != ValueKind.ANY && rf.kind() != ValueKind.ANY) {
                lf = text(lf);
                rf = text(rf);
            }
        }
        return Frag.builder().sql("(").frag(lf).sql(op).frag(rf).sql(")").build(ValueKind.BOOLEAN);
    }

    /** A value compared with a literal bound as {@code literal}: read as text or as a number like it. */
    private Frag alike(Frag value, Frag literal) {
        if (literal.kind() == ValueKind.TEXT && value.kind() != ValueKind.TEXT) {
            return text(value);
        } else if (literal.kind() == ValueKind.NUMBER
                && value.kind() != ValueKind.NUMBER
                && value.kind() != ValueKind.TIMESTAMP) {
            return numeric(value);
        }
        return value;
    }

    /**
     * An address field kept as a number, compared with a dotted quad: the same three-valued result
     * as comparing its text (NULL when absent; an address kept as text is never a canonical dotted
     * quad), from the number, without rendering every record's text. Null when it does not apply.
     */
    private Frag storedAddressEquality(Expr field, Expr literal, boolean notEqual, Scope layer) {
        AddressColumns a = storedAddress(field, layer);
        if (a == null || !(literal instanceof Expr.Text t)) {
            return null;
        }
        long v = Ipv4.parse(t.value());
        if (v < 0) {
            return null;
        }
        return Frag.builder()
                .sql("(CASE WHEN " + a.text() + " IS NOT NULL THEN " + (notEqual ? "TRUE" : "FALSE") + " ELSE "
                        + a.ipv4() + (notEqual ? " <> " : " = "))
                .param(v)
                .sql(" END)")
                .build(ValueKind.BOOLEAN);
    }

    /** The stored columns of a bare address field of the records themselves, or null. */
    private AddressColumns storedAddress(Expr e, Scope layer) {
        FieldStorage.GroupKey key = groupKey(e, layer);
        return key == null ? null : key.address();
    }

    /** The stored group key of an expression that is a field of the records themselves, or null. */
    FieldStorage.GroupKey groupKey(Expr e, Scope in) {
        if (!(e instanceof Expr.Field f) || !in.root() || in.defines(f.name())) {
            return null;
        }
        return InsightsFields.resolve(f.name())
                .filter(b -> b instanceof InsightsFields.Flow)
                .map(b -> storage.keys().get(((InsightsFields.Flow) b).field()))
                .orElse(null);
    }

    private static boolean isNumberLike(Frag f) {
        return f.kind() == ValueKind.NUMBER || f.kind() == ValueKind.TIMESTAMP;
    }

    private static boolean isLiteral(Expr e) {
        return e instanceof Expr.Text || e instanceof Expr.Number;
    }

    /** A literal bound with the type of the value it is compared with. */
    private Frag coerce(Expr literal, Frag other, Scope layer) {
        if (literal instanceof Expr.Text t) {
            if (other.kind() == ValueKind.NUMBER) {
                Object n = literalNumber(t.value());
                if (n != null) {
                    return Frag.builder().param(n).build(ValueKind.NUMBER);
                }
            } else if (other.kind() == ValueKind.TIMESTAMP) {
                Long s = literalTime(t.value());
                if (s != null) {
                    return Frag.builder().param(s).build(ValueKind.TIMESTAMP);
                }
                Object n = literalNumber(t.value());
                if (n != null) {
                    return Frag.builder().param(n).build(ValueKind.NUMBER);
                }
            }
            return Frag.builder().param(t.value()).build(ValueKind.TEXT);
        }
        if (literal instanceof Expr.Number n) {
            if (other.kind() == ValueKind.TEXT) {
                return Frag.builder().param(n.text()).build(ValueKind.TEXT);
            }
            return Frag.builder().param(numberValue(n)).build(ValueKind.NUMBER);
        }
        return compile(literal, layer);
    }

    static Object literalNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? (Object) d : null;
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    private static Long literalTime(String s) {
        try {
            return OffsetDateTime.parse(s).toEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s).getEpochSecond();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private String regex(Expr.Regex r) {
        List<String> ignored = new ArrayList<>();
        String re = RegexGroups.plainGroups(r.pattern(), ignored);
        try {
            Pattern.compile(re);
        } catch (PatternSyntaxException ex) {
            throw error(r, "invalid regular expression: " + ex.getDescription());
        }
        return re;
    }

    Frag text(Frag f) {
        return dialect.text(f);
    }

    static Frag numeric(Frag f) {
        if (f.kind() == ValueKind.NUMBER || f.kind() == ValueKind.TIMESTAMP) {
            return f;
        }
        return Frag.builder().sql("TRY_CAST(").frag(f).sql(" AS DOUBLE)").build(ValueKind.NUMBER);
    }

    // ---------------------------------------------------------------- calls

    /** The function a call names, or an error that suggests the nearest name (of the aggregates in stats). */
    InsightsFunction function(Expr.Call c, boolean inStats) {
        return InsightsFunctions.find(c.name()).orElseThrow(() -> {
            Optional<String> near = InsightsFields.nearest(c.name(), InsightsFunctions.names(inStats));
            return error(
                    c,
                    "unknown function '" + c.name() + "'"
                            + near.map(n -> "; did you mean '" + n + "'?").orElse(""));
        });
    }

    /** The arguments of a call, checked against the function's arity and compiled as its argument kinds say. */
    List<Frag> compileArgs(InsightsFunction fn, Expr.Call c, Scope layer) {
        checkArity(fn, c);
        List<Frag> out = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            out.add(
                    switch (fn.arg(i)) {
                        case VALUE -> compile(a, layer);
                        case NUMBER -> numeric(compile(a, layer));
                        case TEXT -> text(compile(a, layer));
                        case ROWS_OR_VALUE -> a instanceof Expr.Star ? null : compile(a, layer);
                        case PERIOD, CIDR, PERCENTILE -> {
                            literal(fn, c, i);
                            yield null;
                        }
                    });
        }
        return out;
    }

    void checkArity(InsightsFunction fn, Expr.Call c) {
        if (!fn.takes(c.args().size())) {
            throw error(c, fn.arityMessage(c.args().size()));
        }
    }

    /** Checks the literal argument {@code i}: a period, a CIDR block in quotes or a percentile. */
    private void literal(InsightsFunction fn, Expr.Call c, int i) {
        Expr a = c.args().get(i);
        String problem = switch (fn.arg(i)) {
            case PERIOD ->
                a instanceof Expr.Duration ? null : fn.name() + "() needs a time period such as 5m, 1h or 1d";
            case CIDR ->
                a instanceof Expr.Text
                        ? null
                        : fn.name() + "() needs a CIDR block in quotes as its "
                                + (i == 0 ? "first" : i == 1 ? "second" : "third")
                                + " argument, e.g. \"10.0.0.0/16\"";
            case PERCENTILE ->
                a instanceof Expr.Number p && p.value() >= 0 && p.value() <= 100
                        ? null
                        : fn.name() + "() needs a percentile between 0 and 100, e.g. pct(bytes, 95)";
            case VALUE, NUMBER, TEXT, ROWS_OR_VALUE -> null; // compiled as values: no literal to check
        };
        if (problem != null) {
            throw error(a, problem);
        }
    }

    /** The SQL of a call of {@code fn} whose arguments {@code args} are compiled. */
    Frag call(InsightsFunction fn, Expr.Call c, List<Frag> args, Scope layer) {
        return fn.sql().of(new InsightsFunction.Call() {
            @Override
            public InsightsFunction function() {
                return fn;
            }

            @Override
            public Expr.Call expr() {
                return c;
            }

            @Override
            public int size() {
                return args.size();
            }

            @Override
            public Frag arg(int i) {
                return args.get(i);
            }

            @Override
            public long period(int i) {
                return ((Expr.Duration) c.args().get(i)).seconds();
            }

            @Override
            public Expr.Text literal(int i) {
                return (Expr.Text) c.args().get(i);
            }

            @Override
            public double percentile(int i) {
                return ((Expr.Number) c.args().get(i)).value();
            }

            @Override
            public Optional<Frag> timestamp() {
                return layer.lookup(InsightsFields.TIMESTAMP);
            }

            @Override
            public AddressColumns storedAddress(int i) {
                return ExprCompiler.this.storedAddress(c.args().get(i), layer);
            }

            @Override
            public DialectSql dialect() {
                return dialect;
            }

            @Override
            public ParsingException error(Expr e, String message) {
                return ExprCompiler.this.error(e, message);
            }
        });
    }

    // ---------------------------------------------------------------- aggregates

    /**
     * The SQL of a {@code stats} expression: an aggregate call, a name given to an earlier one
     * ({@code local}), a literal, or arithmetic and row functions over those.
     */
    Frag aggregate(Expr e, Scope in, Map<String, Frag> local) {
        if (e instanceof Expr.Call c) {
            InsightsFunction fn = function(c, true);
            if (fn.aggregate()) {
                return call(fn, c, compileArgs(fn, c, in), in);
            }
            return rowFunctionOfAggregates(fn, c, in, local);
        }
        if (e instanceof Expr.Field f) {
            Frag l = local.get(f.name());
            if (l != null) {
                return l;
            }
            throw error(
                    e,
                    "'" + f.name() + "' in stats must be inside an aggregate function such as count(" + f.name()
                            + ") or sum(" + f.name() + "), or go after 'by'");
        }
        if (e instanceof Expr.Number || e instanceof Expr.Text) {
            return compile(e, in);
        }
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.MINUS) {
            return Frag.builder()
                    .sql("(-")
                    .frag(numeric(aggregate(u.operand(), in, local)))
                    .sql(")")
                    .build(ValueKind.NUMBER);
        }
        if (e instanceof Expr.Binary b && b.op().ordinal() >= Expr.BinaryOp.ADD.ordinal()) {
            return arithmetic(
                    b.op(), numeric(aggregate(b.left(), in, local)), numeric(aggregate(b.right(), in, local)));
        }
        throw error(e, STATS_TAKES);
    }

    /** A row function over aggregates, e.g. {@code abs(sum(a) - sum(b))}: its arguments are read as numbers. */
    private Frag rowFunctionOfAggregates(InsightsFunction fn, Expr.Call c, Scope in, Map<String, Frag> local) {
        if (c.args().isEmpty()) {
            throw error(c, STATS_TAKES);
        }
        List<Frag> args = new ArrayList<>();
        for (Expr x : c.args()) {
            args.add(numeric(aggregate(x, in, local)));
        }
        if (!fn.overAggregates()) {
            throw error(c, STATS_TAKES);
        }
        checkArity(fn, c);
        return call(fn, c, args, in);
    }
}
