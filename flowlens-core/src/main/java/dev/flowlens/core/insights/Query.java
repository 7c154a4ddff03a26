package dev.flowlens.core.insights;

import java.util.List;

/** A parsed Logs Insights query: its text and its commands in pipeline order. */
public record Query(String text, List<Command> commands) {
    public Query {
        commands = List.copyOf(commands);
    }
}
