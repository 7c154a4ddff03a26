package dev.flowlens.options;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --limit N}, the same on every command that caps its rows: a command sets its own default
 * ({@code @Mixin LimitOption limit = new LimitOption(1000);}) and reads {@link #value()}, which
 * refuses a value below 1 as a usage error naming the option.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class LimitOption implements CheckedOptions {
    @Option(names = "--limit", paramLabel = "N")
    int limit;

    public LimitOption() {
        this(1000);
    }

    public LimitOption(int defaultLimit) {
        this.limit = defaultLimit;
    }

    /** The limit, checked: at least 1. */
    public int value() {
        return OptionChecks.positive(limit, "--limit");
    }

    @Override
    public void check() {
        value();
    }
}
