package dev.flowlens.core.insights;

import java.util.ArrayList;
import java.util.List;

/** One command of a Logs Insights pipeline. */
public sealed interface Command {
    int offset();

    /** The expressions the command holds, as written (for stats the aggregates, then the {@code by} items). */
    List<Expr> expressions();

    private static List<Expr> of(List<Item> items) {
        return items.stream().map(Item::expr).toList();
    }

    /** An expression with an optional alias ({@code sum(bytes) as total}); alias is null when absent. */
    record Item(Expr expr, String alias) {
        /** The column name Insights shows: the alias, else the expression as written. */
        public String name() {
            return alias != null ? alias : Expr.text(expr);
        }
    }

    record SortKey(Expr expr, boolean descending) {}

    /** fields and display: a list of items to show. */
    sealed interface Shows extends Command {
        List<Item> items();

        @Override
        default List<Expr> expressions() {
            return of(items());
        }
    }

    record Fields(List<Item> items, int offset) implements Shows {
        public Fields {
            items = List.copyOf(items);
        }
    }

    record Filter(Expr condition, int offset) implements Command {
        @Override
        public List<Expr> expressions() {
            return List.of(condition);
        }
    }

    record Stats(List<Item> aggregates, List<Item> groupBy, int offset) implements Command {
        public Stats {
            aggregates = List.copyOf(aggregates);
            groupBy = List.copyOf(groupBy);
        }

        @Override
        public List<Expr> expressions() {
            List<Expr> out = new ArrayList<>(of(aggregates));
            out.addAll(of(groupBy));
            return out;
        }
    }

    record Sort(List<SortKey> keys, int offset) implements Command {
        public Sort {
            keys = List.copyOf(keys);
        }

        @Override
        public List<Expr> expressions() {
            return keys.stream().map(SortKey::expr).toList();
        }
    }

    record Limit(long count, int offset) implements Command {
        @Override
        public List<Expr> expressions() {
            return List.of();
        }
    }

    record Display(List<Item> items, int offset) implements Shows {
        public Display {
            items = List.copyOf(items);
        }
    }

    record Dedup(List<Expr> fields, int offset) implements Command {
        public Dedup {
            fields = List.copyOf(fields);
        }

        @Override
        public List<Expr> expressions() {
            return fields;
        }
    }

    /**
     * {@code parse source "glob * pattern" as a, b} or {@code parse source /(?<a>re)/}: {@code regex} is
     * the regular expression to extract with, {@code names} the field names of its capture groups in order.
     */
    record Parse(Expr source, String regex, List<String> names, int offset) implements Command {
        public Parse {
            names = List.copyOf(names);
        }

        @Override
        public List<Expr> expressions() {
            return List.of(source);
        }
    }
}
