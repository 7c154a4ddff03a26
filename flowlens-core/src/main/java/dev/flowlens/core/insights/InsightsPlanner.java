package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.error.ParsingException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.net.Cidr;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Logs Insights {@link Query} into one SQL statement over the workspace table {@code flows}.
 *
 * <p>The pipeline is compiled left to right into layers: each layer is a SELECT with its WHERE,
 * QUALIFY, ORDER BY and LIMIT; a command that must see the result of an earlier one (stats, or a
 * filter after a limit) wraps the layer as a subquery. Every value from the query text is a bound
 * parameter; identifiers in the SQL are flow log column names (from {@link FlowField}) or names the
 * planner makes up ({@code t1}, {@code c0}); the user's names appear only in {@link SqlPlan#columns()}.
 */
public final class InsightsPlanner {
    private static final Set<String> AGGREGATES = Set.of("count", "count_distinct", "sum", "avg", "min", "max", "pct", "stddev",
            "earliest", "latest");
    private static final Set<String> FUNCTIONS = Set.of("abs", "ceil", "floor", "sqrt", "log", "greatest", "least", "ispresent",
            "isempty", "isblank", "coalesce", "concat", "ltrim", "rtrim", "trim", "strlen", "toupper", "tolower", "substr",
            "replace", "strcontains", "isipv4insubnet", "isipinsubnet", "isvalidip", "isvalidipv4", "isvalidipv6", "datefloor",
            "dateceil", "bin", "frommillis", "tomillis");
    private static final String IPV4_SHAPE = "'[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}'";

    private final Query query;
    private final PlanOptions options;
    private final Set<String> referenced = new LinkedHashSet<>();
    private int tables;
    /** Values shown from stored group-key columns: rendered after the final LIMIT when they are only shown. */
    private final Map<Frag, Deferred> deferred = new HashMap<>();
    private boolean sawStats;
    private boolean sawLimit;

    private InsightsPlanner(Query query, PlanOptions options) {
        this.query = query;
        this.options = options;
    }

    public static SqlPlan plan(String text, PlanOptions options) {
        return plan(InsightsParser.parse(text), options);
    }

    public static SqlPlan plan(Query query, PlanOptions options) {
        try {
            return new InsightsPlanner(query, options).compile();
        } catch (Frag.TooLarge e) {
            throw new ParsingException(ErrorCode.INVALID_QUERY, query.text(), 0, "the query compiles to more than " + Frag.MAX_SQL_CHARS
                    + " characters of SQL");
        }
    }

    /** The flow log fields the query reads, for checking them against the workspace. */
    public static Set<FlowField> fieldsUsed(Query query) {
        InsightsPlanner p = new InsightsPlanner(query, PlanOptions.defaults());
        p.collectNames();
        Set<FlowField> out = new LinkedHashSet<>();
        for (String n : p.referenced) {
            InsightsFields.resolve(n).ifPresent(b -> {
                if (b instanceof InsightsFields.Flow f) {
                    out.add(f.field());
                }
            });
        }
        return out;
    }

    private record OrderKey(Frag expr, boolean descending) {
    }

    /** One SELECT of the pipeline. */
    private final class Layer {
        final Frag from;
        final boolean root;
        final Map<String, Frag> cols = new LinkedHashMap<>();
        final List<Frag> where = new ArrayList<>();
        Frag qualify;
        List<OrderKey> order;
        Long limit;
        List<String> display;

        Layer(Frag from, boolean root) {
            this.from = from;
            this.root = root;
        }

        Optional<Frag> lookup(String name) {
            Frag f = cols.get(name);
            if (f != null) {
                return Optional.of(f);
            }
            if (root) {
                return InsightsFields.resolve(name).map(InsightsPlanner::baseFrag);
            }
            return Optional.empty();
        }

        List<String> knownNames() {
            List<String> names = new ArrayList<>(cols.keySet());
            if (root) {
                names.addAll(InsightsFields.knownNames());
            }
            return names;
        }
    }

    private SqlPlan compile() {
        collectNames();
        Layer layer = new Layer(Frag.of(options.storage().source(), ValueKind.ANY), true);
        if (options.from() != null) {
            layer.where.add(Frag.builder().sql("\"start\" >= ").param(options.from()).build(ValueKind.BOOLEAN));
        }
        if (options.to() != null) {
            layer.where.add(Frag.builder().sql("\"start\" <= ").param(options.to()).build(ValueKind.BOOLEAN));
        }
        for (Command c : query.commands()) {
            layer = apply(layer, c);
        }
        return finish(layer);
    }

    private void collectNames() {
        for (Command c : query.commands()) {
            if (c instanceof Command.Fields f) {
                f.items().forEach(it -> collect(it.expr()));
            } else if (c instanceof Command.Display d) {
                d.items().forEach(it -> collect(it.expr()));
            } else if (c instanceof Command.Filter f) {
                collect(f.condition());
            } else if (c instanceof Command.Stats s) {
                s.aggregates().forEach(it -> collect(it.expr()));
                s.groupBy().forEach(it -> collect(it.expr()));
            } else if (c instanceof Command.Sort s) {
                s.keys().forEach(k -> collect(k.expr()));
            } else if (c instanceof Command.Dedup d) {
                d.fields().forEach(this::collect);
            } else if (c instanceof Command.Parse p) {
                collect(p.source());
            }
        }
    }

    private void collect(Expr e) {
        if (e instanceof Expr.Field f) {
            referenced.add(f.name());
        } else if (e instanceof Expr.Unary u) {
            collect(u.operand());
        } else if (e instanceof Expr.Binary b) {
            collect(b.left());
            collect(b.right());
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(this::collect);
            if (c.name().equals("bin") || c.name().equals("earliest") || c.name().equals("latest")) {
                referenced.add(InsightsFields.TIMESTAMP);
            }
        } else if (e instanceof Expr.ListOf l) {
            l.items().forEach(this::collect);
        }
    }

    private Layer apply(Layer layer, Command c) {
        if (c instanceof Command.Filter f) {
            Layer l = layer.limit != null || layer.qualify != null ? wrap(layer) : layer;
            l.where.add(compile(f.condition(), l));
            return l;
        } else if (c instanceof Command.Fields f) {
            List<String> shown = layer.display == null ? new ArrayList<>() : new ArrayList<>(layer.display);
            for (Command.Item it : f.items()) {
                define(layer, it);
                if (!shown.contains(it.name())) {
                    shown.add(it.name());
                }
            }
            layer.display = shown;
            return layer;
        } else if (c instanceof Command.Display d) {
            List<String> shown = new ArrayList<>();
            for (Command.Item it : d.items()) {
                define(layer, it);
                shown.add(it.name());
            }
            layer.display = shown;
            return layer;
        } else if (c instanceof Command.Parse p) {
            Frag source = text(compile(p.source(), layer));
            for (int k = 0; k < p.names().size(); k++) {
                layer.cols.put(p.names().get(k), Frag.builder().sql("nullif(regexp_extract(").frag(source).sql(", ").param(p.regex())
                        .sql(", " + (k + 1) + "), '')").build(ValueKind.ANY));
            }
            return layer;
        } else if (c instanceof Command.Sort s) {
            Layer l = layer.limit != null ? wrap(layer) : layer;
            List<OrderKey> keys = new ArrayList<>();
            for (Command.SortKey k : s.keys()) {
                keys.add(new OrderKey(compile(k.expr(), l), k.descending()));
            }
            l.order = keys;
            return l;
        } else if (c instanceof Command.Limit lim) {
            sawLimit = true;
            Layer l = layer.limit != null ? wrap(layer) : layer;
            l.limit = lim.count();
            return l;
        } else if (c instanceof Command.Dedup d) {
            Layer l = layer.limit != null || layer.qualify != null ? wrap(layer) : layer;
            List<Frag> keys = new ArrayList<>();
            for (Expr e : d.fields()) {
                keys.add(compile(e, l));
            }
            Frag.Builder b = Frag.builder().sql("row_number() OVER (PARTITION BY ").join(keys, ", ").sql(" ORDER BY ");
            List<OrderKey> order = l.order != null ? l.order : defaultOrder(l);
            if (order.isEmpty()) {
                b.sql("1");
            }
            appendOrder(b, order);
            l.qualify = b.sql(") = 1").build(ValueKind.BOOLEAN);
            return l;
        } else if (c instanceof Command.Stats s) {
            return stats(layer, s);
        }
        throw new AssertionError(c);
    }

    private void define(Layer layer, Command.Item it) {
        if (it.expr() instanceof Expr.Field f && it.alias() == null) {
            resolve(layer, f);
            return;
        }
        layer.cols.put(it.name(), compile(it.expr(), layer));
    }

    private List<OrderKey> defaultOrder(Layer l) {
        Optional<Frag> ts = l.lookup(InsightsFields.TIMESTAMP);
        return ts.map(f -> List.of(new OrderKey(f, true))).orElse(List.of());
    }

    private static void appendOrder(Frag.Builder b, List<OrderKey> order) {
        for (int k = 0; k < order.size(); k++) {
            b.sql(k == 0 ? "" : ", ").frag(order.get(k).expr()).sql(order.get(k).descending() ? " DESC" : " ASC");
        }
    }

    private Layer stats(Layer layer, Command.Stats s) {
        Layer in = layer.limit != null || layer.qualify != null ? wrap(layer) : layer;
        sawStats = true;
        List<String> names = new ArrayList<>();
        List<Frag> select = new ArrayList<>();
        List<List<String>> groupColumns = new ArrayList<>(); // per key: stored columns to group on, or null
        List<java.util.function.Function<List<String>, String>> renders = new ArrayList<>();
        for (Command.Item it : s.groupBy()) {
            FieldStorage.GroupKey key = groupKey(it.expr(), in);
            Frag f = key != null ? Frag.of(key.display(), ValueKind.TEXT) : compile(it.expr(), in);
            names.add(it.name());
            select.add(f);
            groupColumns.add(key == null ? null : key.columns());
            renders.add(key == null ? null : key.render());
        }
        int keys = select.size();
        Map<String, Frag> local = new LinkedHashMap<>();
        for (Command.Item it : s.aggregates()) {
            Frag f = aggregate(it.expr(), in, local);
            local.put(it.name(), f);
            int existing = names.indexOf(it.name());
            if (existing >= 0) {
                names.remove(existing);
                select.remove(existing);
                if (existing < keys) {
                    groupColumns.remove(existing);
                    renders.remove(existing);
                    keys--;
                }
            }
            names.add(it.name());
            select.add(f);
        }
        String t = "t" + (++tables);
        Frag.Builder b = Frag.builder().sql("SELECT ");
        // a key with stored columns selects those columns (its value is rendered from them later,
        // once per row that is kept); others select their value
        int[] position = new int[select.size()];
        int next = 1;
        for (int k = 0; k < select.size(); k++) {
            position[k] = next;
            List<String> stored = k < keys ? groupColumns.get(k) : null;
            if (stored == null) {
                b.sql(next == 1 ? "" : ", ").frag(select.get(k)).sql(" AS c" + k);
                next++;
            } else {
                for (int j = 0; j < stored.size(); j++) {
                    b.sql(next == 1 ? "" : ", ").sql(stored.get(j) + " AS c" + k + "_" + j);
                    next++;
                }
            }
        }
        b.sql(" FROM ").frag(in.from);
        appendWhere(b, in.where);
        if (keys > 0) {
            b.sql(" GROUP BY ");
            for (int k = 0; k < keys; k++) {
                b.sql(k == 0 ? "" : ", ");
                b.sql(groupColumns.get(k) == null ? Integer.toString(position[k]) : String.join(", ", groupColumns.get(k)));
            }
        }
        Frag sub = b.build(ValueKind.ANY);
        Layer out = new Layer(Frag.builder().sql("(").frag(sub).sql(") AS " + t).build(ValueKind.ANY), false);
        for (int k = 0; k < select.size(); k++) {
            List<String> stored = k < keys ? groupColumns.get(k) : null;
            if (stored == null) {
                out.cols.put(names.get(k), Frag.of(t + ".c" + k, select.get(k).kind()));
            } else {
                List<String> inputs = new ArrayList<>();
                for (int j = 0; j < stored.size(); j++) {
                    inputs.add(t + ".c" + k + "_" + j);
                }
                Frag shown = Frag.of(renders.get(k).apply(inputs), ValueKind.TEXT);
                out.cols.put(names.get(k), shown);
                deferred.put(shown, new Deferred(inputs, renders.get(k)));
            }
        }
        out.display = names;
        return out;
    }

    /** The stored group key of a {@code by} item that is a field of the records themselves, or null. */
    private FieldStorage.GroupKey groupKey(Expr e, Layer in) {
        if (!(e instanceof Expr.Field f) || !in.root || in.cols.containsKey(f.name())) {
            return null;
        }
        return InsightsFields.resolve(f.name()).filter(b -> b instanceof InsightsFields.Flow)
                .map(b -> options.storage().keys().get(((InsightsFields.Flow) b).field())).orElse(null);
    }

    private static void appendWhere(Frag.Builder b, List<Frag> where) {
        for (int k = 0; k < where.size(); k++) {
            b.sql(k == 0 ? " WHERE " : " AND ").sql("(").frag(where.get(k)).sql(")");
        }
    }

    /** Turns a layer into a subquery, exposing every column later commands can name. */
    private Layer wrap(Layer layer) {
        if (layer.root) {
            for (String name : referenced) {
                if (!layer.cols.containsKey(name)) {
                    layer.lookup(name).ifPresent(f -> layer.cols.put(name, f));
                }
            }
            if (!layer.cols.containsKey(InsightsFields.TIMESTAMP)) {
                layer.cols.put(InsightsFields.TIMESTAMP, baseFrag(InsightsFields.Special.TIMESTAMP_FIELD));
            }
            if (layer.display == null && !layer.cols.containsKey(InsightsFields.MESSAGE)) {
                layer.cols.put(InsightsFields.MESSAGE, baseFrag(InsightsFields.Special.MESSAGE_FIELD));
            }
        }
        String t = "t" + (++tables);
        List<String> names = new ArrayList<>(layer.cols.keySet());
        Frag.Builder b = Frag.builder().sql("SELECT ");
        for (int k = 0; k < names.size(); k++) {
            b.sql(k == 0 ? "" : ", ").frag(layer.cols.get(names.get(k))).sql(" AS c" + k);
        }
        List<OrderKey> order = layer.order == null ? List.of() : layer.order;
        for (int k = 0; k < order.size(); k++) {
            b.sql(", ").frag(order.get(k).expr()).sql(" AS o" + k);
        }
        b.sql(" FROM ").frag(layer.from);
        appendWhere(b, layer.where);
        if (layer.qualify != null) {
            b.sql(" QUALIFY ").frag(layer.qualify);
        }
        if (!order.isEmpty()) {
            b.sql(" ORDER BY ");
            appendOrder(b, order);
        }
        if (layer.limit != null) {
            // a literal (a parsed whole number, not user text): DuckDB plans a top-N only for a constant LIMIT
            b.sql(" LIMIT " + layer.limit);
        }
        Layer out = new Layer(Frag.builder().sql("(").frag(b.build(ValueKind.ANY)).sql(") AS " + t).build(ValueKind.ANY), false);
        for (int k = 0; k < names.size(); k++) {
            out.cols.put(names.get(k), Frag.of(t + ".c" + k, layer.cols.get(names.get(k)).kind()));
        }
        if (layer.order != null) {
            List<OrderKey> keys = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                keys.add(new OrderKey(Frag.of(t + ".o" + k, order.get(k).expr().kind()), order.get(k).descending()));
            }
            out.order = keys;
        }
        out.display = layer.display;
        return out;
    }

    /** A value rendered from the columns {@code inputs} (SQL over the layer's relation). */
    private record Deferred(List<String> inputs, java.util.function.Function<List<String>, String> render) {
    }

    private SqlPlan finish(Layer layer) {
        List<String> display = layer.display;
        if (display == null) {
            display = List.of(InsightsFields.TIMESTAMP, InsightsFields.MESSAGE);
        }
        if (layer.order == null && !sawStats) {
            layer.order = defaultOrder(layer);
        }
        if (!sawLimit) {
            layer.limit = options.defaultLimit();
        }
        List<Frag> shown = new ArrayList<>();
        for (String name : display) {
            shown.add(layer.lookup(name).orElseThrow(() -> unknownField(name, query.text().length(), layer)));
        }
        if (layer.limit != null && shown.stream().anyMatch(deferred::containsKey)) {
            return finishRenderingLast(layer, display, shown);
        }
        Frag.Builder b = Frag.builder().sql("SELECT ");
        List<SqlPlan.OutputColumn> columns = new ArrayList<>();
        for (int k = 0; k < display.size(); k++) {
            Frag f = shown.get(k);
            b.sql(k == 0 ? "" : ", ").frag(f);
            columns.add(new SqlPlan.OutputColumn(display.get(k), f.kind()));
        }
        b.sql(" FROM ").frag(layer.from);
        appendWhere(b, layer.where);
        if (layer.qualify != null) {
            b.sql(" QUALIFY ").frag(layer.qualify);
        }
        if (layer.order != null && !layer.order.isEmpty()) {
            b.sql(" ORDER BY ");
            appendOrder(b, layer.order);
        }
        if (layer.limit != null) {
            // a literal (a parsed whole number, not user text): DuckDB plans a top-N only for a constant LIMIT
            b.sql(" LIMIT " + layer.limit);
        }
        Frag f = b.build(ValueKind.ANY);
        return new SqlPlan(f.sql(), f.params(), columns);
    }

    /**
     * The final query when some shown values are rendered from stored columns: the inner query
     * sorts and limits on the stored columns, and the outer one renders the values of the rows kept
     * only (DuckDB computes a select list before its top-N, so rendering in the same query would
     * render every group).
     */
    private SqlPlan finishRenderingLast(Layer layer, List<String> display, List<Frag> shown) {
        Frag.Builder inner = Frag.builder().sql("SELECT ");
        List<String> outer = new ArrayList<>();
        List<SqlPlan.OutputColumn> columns = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < shown.size(); k++) {
            Frag f = shown.get(k);
            Deferred d = deferred.get(f);
            if (d == null) {
                inner.sql(n++ == 0 ? "" : ", ").frag(f).sql(" AS i" + k);
                outer.add("d.i" + k);
            } else {
                List<String> refs = new ArrayList<>();
                for (int j = 0; j < d.inputs().size(); j++) {
                    inner.sql(n++ == 0 ? "" : ", ").sql(d.inputs().get(j) + " AS i" + k + "_" + j);
                    refs.add("d.i" + k + "_" + j);
                }
                outer.add(d.render().apply(refs));
            }
            columns.add(new SqlPlan.OutputColumn(display.get(k), f.kind()));
        }
        List<OrderKey> order = layer.order == null ? List.of() : layer.order;
        for (int k = 0; k < order.size(); k++) {
            inner.sql(", ").frag(order.get(k).expr()).sql(" AS o" + k);
        }
        inner.sql(" FROM ").frag(layer.from);
        appendWhere(inner, layer.where);
        if (layer.qualify != null) {
            inner.sql(" QUALIFY ").frag(layer.qualify);
        }
        if (!order.isEmpty()) {
            inner.sql(" ORDER BY ");
            appendOrder(inner, order);
        }
        inner.sql(" LIMIT " + layer.limit);
        Frag.Builder b = Frag.builder().sql("SELECT " + String.join(", ", outer) + " FROM (").frag(inner.build(ValueKind.ANY)).sql(") AS d");
        if (!order.isEmpty()) {
            b.sql(" ORDER BY ");
            for (int k = 0; k < order.size(); k++) {
                b.sql((k == 0 ? "" : ", ") + "d.o" + k + (order.get(k).descending() ? " DESC" : " ASC"));
            }
        }
        Frag f = b.build(ValueKind.ANY);
        return new SqlPlan(f.sql(), f.params(), columns);
    }

    // ---------------------------------------------------------------- expressions

    static Frag baseFrag(InsightsFields.Base base) {
        if (base instanceof InsightsFields.Flow flow) {
            FlowField f = flow.field();
            return Frag.of(quote(f.column()), f.isNumeric() ? ValueKind.NUMBER : ValueKind.TEXT);
        }
        switch ((InsightsFields.Special) base) {
            case TIMESTAMP_FIELD:
                return Frag.of("\"start\"", ValueKind.TIMESTAMP);
            case LOG_STREAM_FIELD:
                return Frag.of("coalesce(\"log_stream\", \"interface_id\")", ValueKind.TEXT);
            case MESSAGE_FIELD: {
                StringBuilder b = new StringBuilder("concat_ws(' '");
                for (FlowField f : InsightsFields.MESSAGE_FIELDS) {
                    b.append(", coalesce(");
                    b.append(f.isNumeric() ? "CAST(" + quote(f.column()) + " AS VARCHAR)" : quote(f.column()));
                    b.append(", '-')");
                }
                return Frag.of(b.append(')').toString(), ValueKind.TEXT);
            }
            default:
                throw new AssertionError(base);
        }
    }

    private static String quote(String column) {
        return '"' + column + '"';
    }

    private Frag resolve(Layer layer, Expr.Field f) {
        return layer.lookup(f.name()).orElseThrow(() -> unknownField(f.name(), f.offset(), layer));
    }

    private ParsingException unknownField(String name, int offset, Layer layer) {
        Optional<String> near = InsightsFields.nearest(name, layer.knownNames());
        String msg = "unknown field '" + name + "'" + near.map(n -> "; did you mean '" + n + "'?").orElse("");
        if (!layer.root && InsightsFields.resolve(name).isPresent()) {
            msg = "field '" + name + "' is not available after stats; only the stats results and their 'by' fields are";
        }
        return new ParsingException(ErrorCode.UNKNOWN_FIELD, query.text(), offset, msg);
    }

    private ParsingException error(Expr e, String message) {
        return new ParsingException(ErrorCode.INVALID_QUERY, query.text(), e.offset(), message);
    }

    /** The SQL of an expression; names the innermost expression whose SQL grows too long. */
    private Frag compile(Expr e, Layer layer) {
        try {
            return compileExpr(e, layer);
        } catch (Frag.TooLarge tooLarge) {
            throw error(e, "this expression compiles to more than " + Frag.MAX_SQL_CHARS + " characters of SQL");
        }
    }

    private Frag compileExpr(Expr e, Layer layer) {
        if (e instanceof Expr.Field f) {
            return resolve(layer, f);
        } else if (e instanceof Expr.Text t) {
            return Frag.builder().param(t.value()).build(ValueKind.TEXT);
        } else if (e instanceof Expr.Number n) {
            return Frag.builder().param(numberValue(n)).build(ValueKind.NUMBER);
        } else if (e instanceof Expr.Regex r) {
            throw error(e, "a regular expression can only follow 'like' or '=~', or be a parse pattern");
        } else if (e instanceof Expr.Duration d) {
            throw error(e, "a time period such as " + d.text() + " can only be an argument of bin, datefloor or dateceil");
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
            if (AGGREGATES.contains(c.name())) {
                throw error(e, c.name() + "() is an aggregate function: use it in stats, e.g. 'stats " + c.name() + "(...) by srcAddr'");
            }
            return call(c, layer);
        }
        throw new AssertionError(e);
    }

    private static Object numberValue(Expr.Number n) {
        return n.isIntegral() ? (Object) (long) n.value() : (Object) n.value();
    }

    private Frag binary(Expr.Binary b, Layer layer) {
        switch (b.op()) {
            case AND:
            case OR:
                return Frag.builder().sql("(").frag(compile(b.left(), layer)).sql(b.op() == Expr.BinaryOp.AND ? " AND " : " OR ")
                        .frag(compile(b.right(), layer)).sql(")").build(ValueKind.BOOLEAN);
            case EQ:
            case NE:
            case LT:
            case LE:
            case GT:
            case GE:
                return comparison(b, layer);
            case LIKE:
            case NOT_LIKE:
            case MATCHES: {
                Frag x = text(compile(b.left(), layer));
                Frag.Builder f = Frag.builder().sql(b.op() == Expr.BinaryOp.NOT_LIKE ? "(NOT coalesce(" : "coalesce(");
                if (b.right() instanceof Expr.Regex r) {
                    f.sql("regexp_matches(").frag(x).sql(", ").param(regex(r)).sql(")");
                } else {
                    f.sql("contains(").frag(x).sql(", ").param(((Expr.Text) b.right()).value()).sql(")");
                }
                f.sql(", false)");
                if (b.op() == Expr.BinaryOp.NOT_LIKE) {
                    f.sql(")");
                }
                return f.build(ValueKind.BOOLEAN);
            }
            case IN:
            case NOT_IN: {
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
                Frag.Builder f = Frag.builder().sql("(").frag(x.kind() == ValueKind.TEXT || asText ? left : left)
                        .sql(b.op() == Expr.BinaryOp.IN ? " IN (" : " NOT IN (");
                for (int k = 0; k < items.size(); k++) {
                    f.sql(k == 0 ? "" : ", ").frag(coerce(items.get(k), left, layer));
                }
                return f.sql("))").build(ValueKind.BOOLEAN);
            }
            case ADD:
            case SUB:
            case MUL:
            case DIV:
            case MOD:
                return Frag.builder().sql("(").frag(numeric(compile(b.left(), layer))).sql(" " + b.op().symbol() + " ")
                        .frag(numeric(compile(b.right(), layer))).sql(")").build(ValueKind.NUMBER);
            case POW:
                return Frag.builder().sql("power(").frag(numeric(compile(b.left(), layer))).sql(", ")
                        .frag(numeric(compile(b.right(), layer))).sql(")").build(ValueKind.NUMBER);
            default:
                throw new AssertionError(b.op());
        }
    }

    /** A comparison with Insights' loose typing: a number field equals "80" and 80 alike. */
    private Frag comparison(Expr.Binary b, Layer layer) {
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
            if (rf.kind() == ValueKind.TEXT && lf.kind() != ValueKind.TEXT) {
                lf = text(lf);
            } else if (rf.kind() == ValueKind.NUMBER && lf.kind() != ValueKind.NUMBER && lf.kind() != ValueKind.TIMESTAMP) {
                lf = numeric(lf);
            }
        } else if (isLiteral(l) && !isLiteral(r)) {
            rf = compile(r, layer);
            lf = coerce(l, rf, layer);
            if (lf.kind() == ValueKind.TEXT && rf.kind() != ValueKind.TEXT) {
                rf = text(rf);
            } else if (lf.kind() == ValueKind.NUMBER && rf.kind() != ValueKind.NUMBER && rf.kind() != ValueKind.TIMESTAMP) {
                rf = numeric(rf);
            }
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

    /**
     * An address field kept as a number, compared with a dotted quad: the same three-valued result
     * as comparing its text (NULL when absent; an address kept as text is never a canonical dotted
     * quad), from the number, without rendering every record's text. Null when it does not apply.
     */
    private Frag storedAddressEquality(Expr field, Expr literal, boolean notEqual, Layer layer) {
        FieldStorage.AddressColumns a = storedAddress(field, layer);
        if (a == null || !(literal instanceof Expr.Text t)) {
            return null;
        }
        long v = dev.flowlens.core.net.Ipv4.parse(t.value());
        if (v < 0) {
            return null;
        }
        return Frag.builder().sql("(CASE WHEN " + a.text() + " IS NOT NULL THEN " + (notEqual ? "TRUE" : "FALSE") + " ELSE " + a.ipv4()
                + (notEqual ? " <> " : " = ")).param(v).sql(" END)").build(ValueKind.BOOLEAN);
    }

    /** The stored columns of a bare address field of the records themselves, or null. */
    private FieldStorage.AddressColumns storedAddress(Expr e, Layer layer) {
        FieldStorage.GroupKey key = groupKey(e, layer);
        return key == null ? null : key.address();
    }

    private static boolean isNumberLike(Frag f) {
        return f.kind() == ValueKind.NUMBER || f.kind() == ValueKind.TIMESTAMP;
    }

    private static boolean isLiteral(Expr e) {
        return e instanceof Expr.Text || e instanceof Expr.Number;
    }

    /** A literal bound with the type of the value it is compared with. */
    private Frag coerce(Expr literal, Frag other, Layer layer) {
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

    static Frag text(Frag f) {
        if (f.kind() == ValueKind.TEXT) {
            return f;
        }
        return Frag.builder().sql("CAST(").frag(f).sql(" AS VARCHAR)").build(ValueKind.TEXT);
    }

    static Frag numeric(Frag f) {
        if (f.kind() == ValueKind.NUMBER || f.kind() == ValueKind.TIMESTAMP) {
            return f;
        }
        return Frag.builder().sql("TRY_CAST(").frag(f).sql(" AS DOUBLE)").build(ValueKind.NUMBER);
    }

    private void arity(Expr.Call c, int min, int max) {
        if (c.args().size() < min || c.args().size() > max) {
            String n = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw error(c, c.name() + "() takes " + n + " argument" + (max == 1 ? "" : "s") + " but got " + c.args().size());
        }
    }

    private long period(Expr.Call c, Expr e) {
        if (e instanceof Expr.Duration d) {
            return d.seconds();
        }
        throw error(e, c.name() + "() needs a time period such as 5m, 1h or 1d");
    }

    private Frag call(Expr.Call c, Layer layer) {
        List<Expr> a = c.args();
        switch (c.name()) {
            case "abs":
            case "ceil":
            case "floor":
            case "sqrt":
            case "log": {
                arity(c, 1, 1);
                String fn = c.name().equals("log") ? "ln" : c.name();
                return Frag.builder().sql(fn + "(").frag(numeric(compile(a.get(0), layer))).sql(")").build(ValueKind.NUMBER);
            }
            case "greatest":
            case "least":
            case "coalesce": {
                arity(c, 1, Integer.MAX_VALUE);
                List<Frag> args = new ArrayList<>();
                for (Expr x : a) {
                    args.add(compile(x, layer));
                }
                ValueKind kind = args.get(0).kind();
                boolean same = args.stream().allMatch(f -> f.kind() == kind);
                if (!same) {
                    args.replaceAll(InsightsPlanner::text);
                }
                return Frag.builder().sql(c.name() + "(").join(args, ", ").sql(")").build(same ? kind : ValueKind.TEXT);
            }
            case "ispresent":
                arity(c, 1, 1);
                return Frag.builder().sql("(").frag(compile(a.get(0), layer)).sql(" IS NOT NULL)").build(ValueKind.BOOLEAN);
            case "isempty":
            case "isblank": {
                arity(c, 1, 1);
                Frag x = compile(a.get(0), layer);
                Frag t = text(x);
                Frag.Builder b = Frag.builder().sql("(").frag(x).sql(" IS NULL OR ");
                if (c.name().equals("isblank")) {
                    b.sql("trim(").frag(t).sql(")");
                } else {
                    b.frag(t);
                }
                return b.sql(" = '')").build(ValueKind.BOOLEAN);
            }
            case "concat": {
                arity(c, 1, Integer.MAX_VALUE);
                List<Frag> args = new ArrayList<>();
                for (Expr x : a) {
                    args.add(text(compile(x, layer)));
                }
                return Frag.builder().sql("concat(").join(args, ", ").sql(")").build(ValueKind.TEXT);
            }
            case "ltrim":
            case "rtrim":
            case "trim": {
                arity(c, 1, 2);
                Frag.Builder b = Frag.builder().sql(c.name() + "(").frag(text(compile(a.get(0), layer)));
                if (a.size() == 2) {
                    b.sql(", ").frag(text(compile(a.get(1), layer)));
                }
                return b.sql(")").build(ValueKind.TEXT);
            }
            case "strlen":
                arity(c, 1, 1);
                return Frag.builder().sql("length(").frag(text(compile(a.get(0), layer))).sql(")").build(ValueKind.NUMBER);
            case "toupper":
            case "tolower":
                arity(c, 1, 1);
                return Frag.builder().sql(c.name().equals("toupper") ? "upper(" : "lower(").frag(text(compile(a.get(0), layer))).sql(")")
                        .build(ValueKind.TEXT);
            case "substr": {
                arity(c, 2, 3);
                Frag.Builder b = Frag.builder().sql("substring(").frag(text(compile(a.get(0), layer))).sql(", CAST(")
                        .frag(numeric(compile(a.get(1), layer))).sql(" AS BIGINT) + 1");
                if (a.size() == 3) {
                    b.sql(", CAST(").frag(numeric(compile(a.get(2), layer))).sql(" AS BIGINT)");
                }
                return b.sql(")").build(ValueKind.TEXT);
            }
            case "replace":
                arity(c, 3, 3);
                return Frag.builder().sql("replace(").frag(text(compile(a.get(0), layer))).sql(", ").frag(text(compile(a.get(1), layer)))
                        .sql(", ").frag(text(compile(a.get(2), layer))).sql(")").build(ValueKind.TEXT);
            case "strcontains":
                arity(c, 2, 2);
                return Frag.builder().sql("CAST(contains(").frag(text(compile(a.get(0), layer))).sql(", ")
                        .frag(text(compile(a.get(1), layer))).sql(") AS INTEGER)").build(ValueKind.NUMBER);
            case "isipv4insubnet":
            case "isipinsubnet":
                return subnet(c, layer);
            case "isvalidip":
            case "isvalidipv4":
            case "isvalidipv6": {
                arity(c, 1, 1);
                Frag x = text(compile(a.get(0), layer));
                Frag v4 = Frag.builder().sql("regexp_full_match(").frag(x).sql(", " + IPV4_SHAPE + ")").build(ValueKind.BOOLEAN);
                Frag v6 = Frag.builder().sql("(contains(").frag(x).sql(", ':') AND regexp_full_match(").frag(x)
                        .sql(", '[0-9A-Fa-f:.]{2,45}'))").build(ValueKind.BOOLEAN);
                Frag chosen = c.name().equals("isvalidipv4") ? v4 : c.name().equals("isvalidipv6") ? v6
                        : Frag.builder().sql("(").frag(v4).sql(" OR ").frag(v6).sql(")").build(ValueKind.BOOLEAN);
                return Frag.builder().sql("coalesce(").frag(chosen).sql(", false)").build(ValueKind.BOOLEAN);
            }
            case "bin": {
                arity(c, 1, 1);
                long p = period(c, a.get(0));
                Frag ts = layer.lookup(InsightsFields.TIMESTAMP).orElseThrow(() -> error(c, "bin() needs @timestamp, which is not available after stats"));
                return floor(ts, p);
            }
            case "datefloor":
            case "dateceil": {
                arity(c, 2, 2);
                Frag x = numeric(compile(a.get(0), layer));
                long p = period(c, a.get(1));
                if (c.name().equals("datefloor")) {
                    return floor(x, p);
                }
                return Frag.builder().sql("(").frag(x).sql(" - ").frag(x).sql(" % ").param(p).sql(" + CASE WHEN ").frag(x).sql(" % ")
                        .param(p).sql(" = 0 THEN 0 ELSE ").param(p).sql(" END)").build(ValueKind.TIMESTAMP);
            }
            case "frommillis":
                arity(c, 1, 1);
                return Frag.builder().sql("(CAST(").frag(numeric(compile(a.get(0), layer))).sql(" AS BIGINT) // 1000)").build(ValueKind.TIMESTAMP);
            case "tomillis":
                arity(c, 1, 1);
                return Frag.builder().sql("(").frag(numeric(compile(a.get(0), layer))).sql(" * 1000)").build(ValueKind.NUMBER);
            default: {
                Set<String> all = new LinkedHashSet<>(FUNCTIONS);
                all.addAll(AGGREGATES);
                Optional<String> near = InsightsFields.nearest(c.name(), all);
                throw error(c, "unknown function '" + c.name() + "'" + near.map(n -> "; did you mean '" + n + "'?").orElse(""));
            }
        }
    }

    private static Frag floor(Frag x, long period) {
        return Frag.builder().sql("(").frag(x).sql(" - ").frag(x).sql(" % ").param(period).sql(")").build(ValueKind.TIMESTAMP);
    }

    private Frag subnet(Expr.Call c, Layer layer) {
        arity(c, 2, 2);
        if (!(c.args().get(1) instanceof Expr.Text cidrText)) {
            throw error(c.args().get(1), c.name() + "() needs a CIDR block in quotes as its second argument, e.g. \"10.0.0.0/16\"");
        }
        Cidr block;
        try {
            block = Cidr.parse(cidrText.value());
        } catch (FlowlensException | IllegalArgumentException e) {
            throw error(cidrText, "not a CIDR block: \"" + cidrText.value() + "\" (write e.g. \"10.0.0.0/16\")");
        }
        boolean v4Only = c.name().equals("isipv4insubnet");
        if (v4Only && !block.isIpv4()) {
            throw error(cidrText, "isIpv4InSubnet() needs an IPv4 block; use isIpInSubnet() for IPv6");
        }
        FieldStorage.AddressColumns stored = storedAddress(c.args().get(0), layer);
        if (stored != null) {
            // the number for dotted quads; the text column (NULL for them) for any other spelling
            Frag text = Frag.of(stored.text(), ValueKind.TEXT);
            Frag.Builder b = Frag.builder().sql("coalesce(");
            if (block.isIpv4()) {
                b.sql(stored.ipv4() + " BETWEEN ").param(block.first().longValue()).sql(" AND ").param(block.last().longValue()).sql(", ")
                        .frag(ipv4Number(text)).sql(" BETWEEN ").param(block.first().longValue()).sql(" AND ").param(block.last().longValue());
            } else {
                b.frag(ipv6Hex(text)).sql(" BETWEEN ").param(String.format(Locale.ROOT, "%032x", block.first())).sql(" AND ")
                        .param(String.format(Locale.ROOT, "%032x", block.last()));
            }
            return b.sql(", false)").build(ValueKind.BOOLEAN);
        }
        Frag x = text(compile(c.args().get(0), layer));
        Frag.Builder b = Frag.builder().sql("coalesce(");
        if (block.isIpv4()) {
            b.frag(ipv4Number(x)).sql(" BETWEEN ").param(block.first().longValue()).sql(" AND ").param(block.last().longValue());
        } else {
            b.frag(ipv6Hex(x)).sql(" BETWEEN ").param(String.format(Locale.ROOT, "%032x", block.first())).sql(" AND ")
                    .param(String.format(Locale.ROOT, "%032x", block.last()));
        }
        return b.sql(", false)").build(ValueKind.BOOLEAN);
    }

    /** An IPv4 address as a number; NULL for anything that is not a dotted quad. */
    static Frag ipv4Number(Frag x) {
        Frag.Builder b = Frag.builder().sql("(CASE WHEN regexp_full_match(").frag(x).sql(", " + IPV4_SHAPE + ") THEN ");
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
        return Frag.builder().sql("(CASE WHEN contains(").frag(x).sql(", ':') THEN lower(CASE WHEN contains(").frag(x).sql(", '::') THEN ")
                .frag(padGroups(left)).sql(" || repeat('0000', 8 - ").frag(groupCount(left)).sql(" - ").frag(groupCount(right)).sql(") || ")
                .frag(padGroups(right)).sql(" ELSE ").frag(padGroups(x)).sql(" END) END)").build(ValueKind.TEXT);
    }

    private static Frag padGroups(Frag s) {
        return Frag.builder().sql("(CASE WHEN ").frag(s).sql(" = '' THEN '' ELSE array_to_string(list_transform(string_split(").frag(s)
                .sql(", ':'), lambda g: lpad(g, 4, '0')), '') END)").build(ValueKind.TEXT);
    }

    private static Frag groupCount(Frag s) {
        return Frag.builder().sql("(CASE WHEN ").frag(s).sql(" = '' THEN 0 ELSE len(string_split(").frag(s).sql(", ':')) END)")
                .build(ValueKind.NUMBER);
    }

    // ---------------------------------------------------------------- aggregates

    private Frag aggregate(Expr e, Layer in, Map<String, Frag> local) {
        if (e instanceof Expr.Call c && AGGREGATES.contains(c.name())) {
            return aggregateCall(c, in);
        }
        if (e instanceof Expr.Call c && !FUNCTIONS.contains(c.name())) {
            Optional<String> near = InsightsFields.nearest(c.name(), AGGREGATES);
            throw error(e, "unknown function '" + c.name() + "'" + near.map(n -> "; did you mean '" + n + "'?").orElse(""));
        }
        if (e instanceof Expr.Field f) {
            Frag l = local.get(f.name());
            if (l != null) {
                return l;
            }
            throw error(e, "'" + f.name() + "' in stats must be inside an aggregate function such as count(" + f.name() + ") or sum("
                    + f.name() + "), or go after 'by'");
        }
        if (e instanceof Expr.Number || e instanceof Expr.Text) {
            return compile(e, in);
        }
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.MINUS) {
            return Frag.builder().sql("(-").frag(numeric(aggregate(u.operand(), in, local))).sql(")").build(ValueKind.NUMBER);
        }
        if (e instanceof Expr.Binary b && b.op().ordinal() >= Expr.BinaryOp.ADD.ordinal()) {
            Frag l = numeric(aggregate(b.left(), in, local));
            Frag r = numeric(aggregate(b.right(), in, local));
            if (b.op() == Expr.BinaryOp.POW) {
                return Frag.builder().sql("power(").frag(l).sql(", ").frag(r).sql(")").build(ValueKind.NUMBER);
            }
            return Frag.builder().sql("(").frag(l).sql(" " + b.op().symbol() + " ").frag(r).sql(")").build(ValueKind.NUMBER);
        }
        if (e instanceof Expr.Call c && FUNCTIONS.contains(c.name()) && !c.args().isEmpty()) {
            // a row function over aggregates, e.g. abs(sum(a) - sum(b))
            List<Frag> args = new ArrayList<>();
            for (Expr x : c.args()) {
                args.add(numeric(aggregate(x, in, local)));
            }
            String fn = c.name().equals("log") ? "ln" : c.name();
            if (!Set.of("abs", "ceil", "floor", "sqrt", "ln", "greatest", "least").contains(fn)) {
                throw error(e, "stats takes aggregate functions (count, sum, avg, min, max, pct, count_distinct, earliest, latest, stddev)");
            }
            return Frag.builder().sql(fn + "(").join(args, ", ").sql(")").build(ValueKind.NUMBER);
        }
        throw error(e, "stats takes aggregate functions (count, sum, avg, min, max, pct, count_distinct, earliest, latest, stddev)");
    }

    private Frag aggregateCall(Expr.Call c, Layer in) {
        List<Expr> a = c.args();
        switch (c.name()) {
            case "count":
                if (a.isEmpty() || a.get(0) instanceof Expr.Star) {
                    arity(c, 0, 1);
                    return Frag.of("count(*)", ValueKind.NUMBER);
                }
                arity(c, 1, 1);
                return Frag.builder().sql("count(").frag(compile(a.get(0), in)).sql(")").build(ValueKind.NUMBER);
            case "count_distinct":
                arity(c, 1, 1);
                return Frag.builder().sql("count(DISTINCT ").frag(compile(a.get(0), in)).sql(")").build(ValueKind.NUMBER);
            case "sum":
            case "avg":
            case "stddev": {
                arity(c, 1, 1);
                String fn = c.name().equals("stddev") ? "stddev_samp" : c.name();
                return Frag.builder().sql(fn + "(").frag(numeric(compile(a.get(0), in))).sql(")").build(ValueKind.NUMBER);
            }
            case "min":
            case "max": {
                arity(c, 1, 1);
                Frag x = compile(a.get(0), in);
                return Frag.builder().sql(c.name() + "(").frag(x).sql(")").build(x.kind());
            }
            case "pct": {
                arity(c, 2, 2);
                if (!(a.get(1) instanceof Expr.Number p) || p.value() < 0 || p.value() > 100) {
                    throw error(a.get(1), "pct() needs a percentile between 0 and 100, e.g. pct(bytes, 95)");
                }
                return Frag.builder().sql("quantile_disc(").frag(numeric(compile(a.get(0), in))).sql(", ").param(p.value() / 100.0).sql(")")
                        .build(ValueKind.NUMBER);
            }
            case "earliest":
            case "latest": {
                arity(c, 1, 1);
                Frag x = compile(a.get(0), in);
                Frag ts = in.lookup(InsightsFields.TIMESTAMP).orElseThrow(() -> error(c, c.name() + "() needs @timestamp, which is not available here"));
                return Frag.builder().sql(c.name().equals("earliest") ? "arg_min(" : "arg_max(").frag(x).sql(", ").frag(ts).sql(")").build(x.kind());
            }
            default:
                throw new AssertionError(c.name());
        }
    }
}
