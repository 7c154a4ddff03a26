package dev.flowlens.core.insights;

import java.util.List;

/** One command of a Logs Insights pipeline. */
public sealed interface Command {
    int offset();

    /** An expression with an optional alias ({@code sum(bytes) as total}); alias is null when absent. */
    record Item(Expr expr, String alias) {
        /** The column name Insights shows: the alias, else the expression as written. */
        public String name() {
            return alias != null ? alias : Expr.text(expr);
        }
    }

    record SortKey(Expr expr, boolean descending) {
    }

    record Fields(List<Item> items, int offset) implements Command {
        public Fields {
            items = List.copyOf(items);
        }
    }

    record Filter(Expr condition, int offset) implements Command {
    }

    record Stats(List<Item> aggregates, List<Item> groupBy, int offset) implements Command {
        public Stats {
            aggregates = List.copyOf(aggregates);
            groupBy = List.copyOf(groupBy);
        }
    }

    record Sort(List<SortKey> keys, int offset) implements Command {
        public Sort {
            keys = List.copyOf(keys);
        }
    }

    record Limit(long count, int offset) implements Command {
    }

    record Display(List<Item> items, int offset) implements Command {
        public Display {
            items = List.copyOf(items);
        }
    }

    record Dedup(List<Expr> fields, int offset) implements Command {
        public Dedup {
            fields = List.copyOf(fields);
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
    }
}
