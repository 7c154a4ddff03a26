package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.insights.Layer.OrderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a Logs Insights {@link Query} into one SQL statement over the workspace table {@code flows}.
 *
 * <p>The pipeline is compiled left to right into immutable {@link Layer}s: each layer is a SELECT
 * with its WHERE, QUALIFY, ORDER BY and LIMIT; a command that must see the result of an earlier one
 * (stats, or a filter after a limit) wraps the layer as a subquery. Expressions are compiled by
 * {@link ExprCompiler}, calls as {@link InsightsFunctions} describes them. Every value from the query
 * text is a bound parameter; identifiers in the SQL are flow log column names (from {@link FlowField})
 * or names the planner makes up ({@code t1}, {@code c0}); the user's names appear only in
 * {@link SqlPlan#columns()}.
 */
public final class InsightsPlanner {
    private final Query query;
    private final PlanOptions options;
    private final ExprCompiler exprs;
    private final DialectSql dialect;
    private final Set<String> referenced = new LinkedHashSet<>();
    private int tables;
    /** Values shown from stored group-key columns: rendered after the final LIMIT when they are only shown. */
    private final Map<Frag, Deferred> deferred = new HashMap<>();

    private boolean sawStats;
    private boolean sawLimit;

    private InsightsPlanner(Query query, PlanOptions options) {
        this.query = query;
        this.options = options;
        this.dialect = new DialectSql(options.dialect());
        this.exprs = new ExprCompiler(query.text(), options.storage(), dialect);
    }

    public static SqlPlan plan(String text, PlanOptions options) {
        return plan(InsightsParser.parse(text), options);
    }

    public static SqlPlan plan(Query query, PlanOptions options) {
        try {
            return new InsightsPlanner(query, options).compile();
        } catch (Frag.TooLarge e) {
            throw new ParsingException(
                    ErrorCode.INVALID_QUERY,
                    query.text(),
                    0,
                    "the query compiles to more than " + Frag.MAX_SQL_CHARS + " characters of SQL");
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

    /** The name of the row number of a dedup in a dialect without QUALIFY (no query can name it). */
    private static final String ROW_NUMBER = "\u0000row_number";

    /** A value rendered from the columns {@code inputs} (SQL over the layer's relation). */
    private record Deferred(List<String> inputs, Function<List<String>, String> render) {}

    private SqlPlan compile() {
        collectNames();
        Layer layer = Layer.records(Frag.of(options.storage().source(), ValueKind.ANY), dialect);
        if (options.from() != null) {
            layer = layer.withWhere(
                    Frag.builder().sql("\"start\" >= ").param(options.from()).build(ValueKind.BOOLEAN));
        }
        if (options.to() != null) {
            layer = layer.withWhere(
                    Frag.builder().sql("\"start\" <= ").param(options.to()).build(ValueKind.BOOLEAN));
        }
        for (Command c : query.commands()) {
            layer = apply(layer, c);
        }
        return finish(layer);
    }

    private void collectNames() {
        for (Command c : query.commands()) {
            c.expressions().forEach(this::collect);
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
            if (InsightsFunctions.find(c.name())
                    .map(InsightsFunction::readsTimestamp)
                    .orElse(false)) {
                referenced.add(InsightsFields.TIMESTAMP);
            }
        } else if (e instanceof Expr.ListOf l) {
            l.items().forEach(this::collect);
        }
    }

    // ---------------------------------------------------------------- commands

    private Layer apply(Layer layer, Command c) {
        if (c instanceof Command.Filter f) {
            Layer l = layer.limitedOrQualified() ? wrap(layer) : layer;
            return l.withWhere(exprs.compile(f.condition(), l));
        } else if (c instanceof Command.Fields f) {
            return show(layer, f.items(), layer.display() == null ? List.of() : layer.display());
        } else if (c instanceof Command.Display d) {
            return show(layer, d.items(), null);
        } else if (c instanceof Command.Parse p) {
            return parse(layer, p);
        } else if (c instanceof Command.Sort s) {
            Layer l = layer.limit() != null ? wrap(layer) : layer;
            List<OrderKey> keys = new ArrayList<>();
            for (Command.SortKey k : s.keys()) {
                keys.add(new OrderKey(exprs.compile(k.expr(), l), k.descending()));
            }
            return l.withOrder(keys);
        } else if (c instanceof Command.Limit lim) {
            sawLimit = true;
            Layer l = layer.limit() != null ? wrap(layer) : layer;
            return l.withLimit(lim.count());
        } else if (c instanceof Command.Dedup d) {
            return dedup(layer, d);
        } else if (c instanceof Command.Stats s) {
            return stats(layer, s);
        }
        throw new AssertionError(c);
    }

    /**
     * fields (which adds to the names shown so far, {@code shownBefore}) and display (which replaces
     * them, {@code shownBefore} null): defines each item's column, later items seeing earlier ones.
     */
    private Layer show(Layer layer, List<Command.Item> items, List<String> shownBefore) {
        List<String> shown = shownBefore == null ? new ArrayList<>() : new ArrayList<>(shownBefore);
        Map<String, Frag> added = new LinkedHashMap<>();
        Scope scope = layer.with(added);
        for (Command.Item it : items) {
            if (it.expr() instanceof Expr.Field f && it.alias() == null) {
                exprs.resolve(scope, f);
            } else {
                added.put(it.name(), exprs.compile(it.expr(), scope));
            }
            if (shownBefore == null || !shown.contains(it.name())) {
                shown.add(it.name());
            }
        }
        return layer.withColumns(added).withDisplay(shown);
    }

    private Layer parse(Layer layer, Command.Parse p) {
        Frag source = exprs.text(exprs.compile(p.source(), layer));
        Map<String, Frag> added = new LinkedHashMap<>();
        for (int k = 0; k < p.names().size(); k++) {
            added.put(
                    p.names().get(k),
                    Frag.builder()
                            .sql("nullif(regexp_extract(")
                            .frag(source)
                            .sql(", ")
                            .param(p.regex())
                            .sql(", " + (k + 1) + "), '')")
                            .build(ValueKind.ANY));
        }
        return layer.withColumns(added);
    }

    /** dedup: keeps the first row of each key in the layer's order (newest first by default). */
    private Layer dedup(Layer layer, Command.Dedup d) {
        Layer l = layer.limitedOrQualified() ? wrap(layer) : layer;
        List<Frag> keys = new ArrayList<>();
        for (Expr e : d.fields()) {
            keys.add(exprs.compile(e, l));
        }
        Frag.Builder b = Frag.builder()
                .sql("row_number() OVER (PARTITION BY ")
                .join(keys, ", ")
                .sql(" ORDER BY ");
        List<OrderKey> order = l.order() != null ? l.order() : defaultOrder(l);
        if (order.isEmpty()) {
            b.sql("1");
        }
        appendOrder(b, order);
        Frag rowNumber = b.sql(")").build(ValueKind.NUMBER);
        if (dialect.hasQualify()) {
            return l.withQualify(equalsOne(rowNumber));
        }
        // no QUALIFY: the row number is a column of a subquery, and the rows kept are those where it is 1
        Layer numbered = wrap(l.withColumns(Map.of(ROW_NUMBER, rowNumber)));
        Map<String, Frag> cols = new LinkedHashMap<>(numbered.cols());
        Frag number = cols.remove(ROW_NUMBER);
        return numbered.over(numbered.from(), cols, numbered.order(), numbered.display())
                .withWhere(equalsOne(number));
    }

    private static Frag equalsOne(Frag number) {
        return Frag.builder().frag(number).sql(" = 1").build(ValueKind.BOOLEAN);
    }

    private static List<OrderKey> defaultOrder(Layer l) {
        Optional<Frag> ts = l.lookup(InsightsFields.TIMESTAMP);
        return ts.map(f -> List.of(new OrderKey(f, true))).orElse(List.of());
    }

    // ---------------------------------------------------------------- stats

    /**
     * The columns of a stats, its {@code by} keys first, then its aggregates (an aggregate named like
     * an earlier column replaces it). A key that is a field with stored columns ({@code stored}, else
     * null) selects and groups on those columns; its value is rendered from them later.
     */
    private record StatsColumn(String name, Frag value, FieldStorage.GroupKey stored) {}

    private Layer stats(Layer layer, Command.Stats s) {
        Layer in = layer.limitedOrQualified() ? wrap(layer) : layer;
        sawStats = true;
        List<StatsColumn> columns = new ArrayList<>();
        for (Command.Item it : s.groupBy()) {
            FieldStorage.GroupKey key = exprs.groupKey(it.expr(), in);
            Frag f = key != null ? Frag.of(key.display(), ValueKind.TEXT) : exprs.compile(it.expr(), in);
            columns.add(new StatsColumn(it.name(), f, key));
        }
        int keys = columns.size();
        Map<String, Frag> local = new LinkedHashMap<>();
        for (Command.Item it : s.aggregates()) {
            Frag f = exprs.aggregate(it.expr(), in, local);
            local.put(it.name(), f);
            for (int k = 0; k < columns.size(); k++) {
                if (columns.get(k).name().equals(it.name())) {
                    columns.remove(k);
                    keys -= k < keys ? 1 : 0;
                    break;
                }
            }
            columns.add(new StatsColumn(it.name(), f, null));
        }
        String t = "t" + (++tables);
        Frag sub = statsSelect(in, columns, keys);
        Map<String, Frag> cols = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            StatsColumn c = columns.get(k);
            names.add(c.name());
            if (c.stored() == null) {
                cols.put(c.name(), Frag.of(t + ".c" + k, c.value().kind()));
            } else {
                List<String> inputs =
                        storedNames(t + ".c" + k + "_", c.stored().columns().size());
                Frag shown = Frag.of(c.stored().render().apply(inputs), ValueKind.TEXT);
                cols.put(c.name(), shown);
                deferred.put(shown, new Deferred(inputs, c.stored().render()));
            }
        }
        return in.over(Frag.builder().sql("(").frag(sub).sql(") AS " + t).build(ValueKind.ANY), cols, null, names);
    }

    private static List<String> storedNames(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            out.add(prefix + j);
        }
        return out;
    }

    /** The SELECT ... GROUP BY of a stats; the first {@code keys} columns are its keys. */
    private static Frag statsSelect(Layer in, List<StatsColumn> columns, int keys) {
        Frag.Builder b = Frag.builder().sql("SELECT ");
        int[] position = new int[columns.size()];
        int next = 1;
        for (int k = 0; k < columns.size(); k++) {
            position[k] = next;
            FieldStorage.GroupKey stored = columns.get(k).stored();
            if (stored == null) {
                b.sql(next == 1 ? "" : ", ").frag(columns.get(k).value()).sql(" AS c" + k);
                next++;
            } else {
                for (int j = 0; j < stored.columns().size(); j++) {
                    b.sql(next == 1 ? "" : ", ").sql(stored.columns().get(j) + " AS c" + k + "_" + j);
                    next++;
                }
            }
        }
        appendFrom(b, in);
        if (keys > 0) {
            b.sql(" GROUP BY ");
            for (int k = 0; k < keys; k++) {
                FieldStorage.GroupKey stored = columns.get(k).stored();
                b.sql(k == 0 ? "" : ", ")
                        .sql(stored == null ? Integer.toString(position[k]) : String.join(", ", stored.columns()));
            }
        }
        return b.build(ValueKind.ANY);
    }

    // ---------------------------------------------------------------- SELECTs

    /** FROM and WHERE of a layer. */
    private static void appendFrom(Frag.Builder b, Layer layer) {
        b.sql(" FROM ").frag(layer.from());
        for (int k = 0; k < layer.where().size(); k++) {
            b.sql(k == 0 ? " WHERE " : " AND ")
                    .sql("(")
                    .frag(layer.where().get(k))
                    .sql(")");
        }
    }

    /** FROM, WHERE, QUALIFY, ORDER BY and LIMIT of a layer: how every SELECT of a layer ends. */
    private void appendTail(Frag.Builder b, Layer layer) {
        appendFrom(b, layer);
        if (layer.qualify() != null) {
            b.sql(" QUALIFY ").frag(layer.qualify());
        }
        if (layer.order() != null && !layer.order().isEmpty()) {
            b.sql(" ORDER BY ");
            appendOrder(b, layer.order());
        }
        if (layer.limit() != null) {
            // a literal (a parsed whole number, not user text): DuckDB plans a top-N only for a constant LIMIT
            b.sql(" LIMIT " + layer.limit());
        }
    }

    private void appendOrder(Frag.Builder b, List<OrderKey> order) {
        for (int k = 0; k < order.size(); k++) {
            b.sql(k == 0 ? "" : ", ")
                    .frag(dialect.order(order.get(k).expr(), order.get(k).descending()));
        }
    }

    /** The order keys selected as {@code o0, o1, ...}, so an outer query can sort by them. */
    private static void appendOrderColumns(Frag.Builder b, List<OrderKey> order) {
        for (int k = 0; k < order.size(); k++) {
            b.sql(", ").frag(order.get(k).expr()).sql(" AS o" + k);
        }
    }

    /** The same order by the columns {@link #appendOrderColumns} selected, seen through {@code alias}. */
    private static List<OrderKey> orderColumns(String alias, List<OrderKey> order) {
        List<OrderKey> keys = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            keys.add(new OrderKey(
                    Frag.of(alias + ".o" + k, order.get(k).expr().kind()),
                    order.get(k).descending()));
        }
        return keys;
    }

    /** Turns a layer into a subquery, exposing every column later commands can name. */
    private Layer wrap(Layer layer) {
        Map<String, Frag> cols = new LinkedHashMap<>(layer.cols());
        if (layer.root()) {
            for (String name : referenced) {
                if (!cols.containsKey(name)) {
                    layer.lookup(name).ifPresent(f -> cols.put(name, f));
                }
            }
            cols.putIfAbsent(InsightsFields.TIMESTAMP, layer.baseFrag(InsightsFields.Special.TIMESTAMP_FIELD));
            if (layer.display() == null) {
                cols.putIfAbsent(InsightsFields.MESSAGE, layer.baseFrag(InsightsFields.Special.MESSAGE_FIELD));
            }
        }
        String t = "t" + (++tables);
        List<String> names = new ArrayList<>(cols.keySet());
        Frag.Builder b = Frag.builder().sql("SELECT ");
        for (int k = 0; k < names.size(); k++) {
            b.sql(k == 0 ? "" : ", ").frag(cols.get(names.get(k))).sql(" AS c" + k);
        }
        List<OrderKey> order = layer.order() == null ? List.of() : layer.order();
        appendOrderColumns(b, order);
        appendTail(b, layer);
        Map<String, Frag> outCols = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            outCols.put(
                    names.get(k), Frag.of(t + ".c" + k, cols.get(names.get(k)).kind()));
        }
        Frag from = Frag.builder()
                .sql("(")
                .frag(b.build(ValueKind.ANY))
                .sql(") AS " + t)
                .build(ValueKind.ANY);
        return layer.over(from, outCols, layer.order() == null ? null : orderColumns(t, order), layer.display());
    }

    private SqlPlan finish(Layer last) {
        Layer layer = last;
        List<String> display =
                layer.display() == null ? List.of(InsightsFields.TIMESTAMP, InsightsFields.MESSAGE) : layer.display();
        if (layer.order() == null && !sawStats) {
            layer = layer.withOrder(defaultOrder(layer));
        }
        if (!sawLimit) {
            layer = layer.withLimit(options.defaultLimit());
        }
        List<Frag> shown = new ArrayList<>();
        for (String name : display) {
            Layer l = layer;
            shown.add(layer.lookup(name)
                    .orElseThrow(() -> exprs.unknownField(name, query.text().length(), l)));
        }
        if (layer.limit() != null && shown.stream().anyMatch(deferred::containsKey)) {
            return finishRenderingLast(layer, display, shown);
        }
        Frag.Builder b = Frag.builder().sql("SELECT ");
        List<SqlPlan.OutputColumn> columns = new ArrayList<>();
        for (int k = 0; k < display.size(); k++) {
            Frag f = shown.get(k);
            b.sql(k == 0 ? "" : ", ").frag(f);
            columns.add(new SqlPlan.OutputColumn(display.get(k), f.kind()));
        }
        appendTail(b, layer);
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
        List<OrderKey> order = layer.order() == null ? List.of() : layer.order();
        appendOrderColumns(inner, order);
        appendTail(inner, layer);
        Frag.Builder b = Frag.builder()
                .sql("SELECT " + String.join(", ", outer) + " FROM (")
                .frag(inner.build(ValueKind.ANY))
                .sql(") AS d");
        if (!order.isEmpty()) {
            b.sql(" ORDER BY ");
            appendOrder(b, orderColumns("d", order));
        }
        Frag f = b.build(ValueKind.ANY);
        return new SqlPlan(f.sql(), f.params(), columns);
    }
}
