package dev.flowlens.core.insights;

import dev.flowlens.core.format.FlowField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One SELECT of the pipeline, immutable: what it reads ({@code from}, the records themselves when
 * {@code root}), the columns commands defined on it, its WHERE conditions, QUALIFY, ORDER BY and
 * LIMIT, and the names it shows (null: not chosen yet). Each command returns a new layer.
 */
record Layer(
        Frag from,
        boolean root,
        Map<String, Frag> cols,
        List<Frag> where,
        Frag qualify,
        List<OrderKey> order,
        Long limit,
        List<String> display,
        DialectSql dialect)
        implements Scope {

    /** A key of ORDER BY. */
    record OrderKey(Frag expr, boolean descending) {}

    Layer {
        cols = Collections.unmodifiableMap(new LinkedHashMap<>(cols));
        where = List.copyOf(where);
        order = order == null ? null : List.copyOf(order);
        display = display == null ? null : List.copyOf(display);
    }

    /** The records themselves, read from {@code from}. */
    static Layer records(Frag from, DialectSql dialect) {
        return new Layer(from, true, Map.of(), List.of(), null, null, null, null, dialect);
    }

    /** A layer (in this one's dialect) over a subquery {@code subquery} with the columns {@code columns}. */
    Layer over(Frag subquery, Map<String, Frag> columns, List<OrderKey> keys, List<String> names) {
        return new Layer(subquery, false, columns, List.of(), null, keys, null, names, dialect);
    }

    Layer withWhere(Frag condition) {
        List<Frag> w = new ArrayList<>(where);
        w.add(condition);
        return new Layer(from, root, cols, w, qualify, order, limit, display, dialect);
    }

    Layer withQualify(Frag condition) {
        return new Layer(from, root, cols, where, condition, order, limit, display, dialect);
    }

    Layer withOrder(List<OrderKey> keys) {
        return new Layer(from, root, cols, where, qualify, keys, limit, display, dialect);
    }

    Layer withLimit(Long rows) {
        return new Layer(from, root, cols, where, qualify, order, rows, display, dialect);
    }

    Layer withDisplay(List<String> names) {
        return new Layer(from, root, cols, where, qualify, order, limit, names, dialect);
    }

    /** A copy with the columns {@code added} defined (or redefined, in place) on it. */
    Layer withColumns(Map<String, Frag> added) {
        Map<String, Frag> c = new LinkedHashMap<>(cols);
        c.putAll(added);
        return new Layer(from, root, c, where, qualify, order, limit, display, dialect);
    }

    /**
     * This layer seen with the columns a command is defining, {@code pending}, which it fills as it
     * goes (a view: later items of the command see earlier ones without copying the layer each time).
     */
    Scope with(Map<String, Frag> pending) {
        Layer self = this;
        return new Scope() {
            @Override
            public Optional<Frag> lookup(String name) {
                Frag f = pending.get(name);
                return f != null ? Optional.of(f) : self.lookup(name);
            }

            @Override
            public List<String> knownNames() {
                Set<String> names = new LinkedHashSet<>(self.cols().keySet());
                names.addAll(pending.keySet());
                if (self.root()) {
                    names.addAll(InsightsFields.knownNames());
                }
                return new ArrayList<>(names);
            }

            @Override
            public boolean root() {
                return self.root();
            }

            @Override
            public boolean defines(String name) {
                return pending.containsKey(name) || self.defines(name);
            }
        };
    }

    @Override
    public boolean defines(String name) {
        return cols.containsKey(name);
    }

    /** Whether a command that must see this layer's rows as they are returned has to wrap it first. */
    boolean limitedOrQualified() {
        return limit != null || qualify != null;
    }

    /** The SQL of a name: a column defined here, or on the records a field of theirs. */
    @Override
    public Optional<Frag> lookup(String name) {
        Frag f = cols.get(name);
        if (f != null) {
            return Optional.of(f);
        }
        if (root) {
            return InsightsFields.resolve(name).map(this::baseFrag);
        }
        return Optional.empty();
    }

    @Override
    public List<String> knownNames() {
        List<String> names = new ArrayList<>(cols.keySet());
        if (root) {
            names.addAll(InsightsFields.knownNames());
        }
        return names;
    }

    /** The SQL of a field of the records. */
    Frag baseFrag(InsightsFields.Base base) {
        if (base instanceof InsightsFields.Flow flow) {
            FlowField f = flow.field();
            return Frag.of(quote(f.column()), f.isNumeric() ? ValueKind.NUMBER : ValueKind.TEXT);
        }
        return switch ((InsightsFields.Special) base) {
            case TIMESTAMP_FIELD -> Frag.of("\"start\"", ValueKind.TIMESTAMP);
            case LOG_STREAM_FIELD -> Frag.of("coalesce(\"log_stream\", \"interface_id\")", ValueKind.TEXT);
            case MESSAGE_FIELD -> {
                Frag.Builder b = Frag.builder().sql("concat_ws(' '");
                for (FlowField f : InsightsFields.MESSAGE_FIELDS) {
                    Frag column = Frag.of(quote(f.column()), f.isNumeric() ? ValueKind.NUMBER : ValueKind.TEXT);
                    b.sql(", coalesce(").frag(dialect.text(column)).sql(", '-')");
                }
                yield b.sql(")").build(ValueKind.TEXT);
            }
        };
    }

    private static String quote(String column) {
        return '"' + column + '"';
    }
}
