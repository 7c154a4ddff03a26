package dev.flowlens.options;

/**
 * A mixin whose values are checked before its command does anything: {@link PrintingCommand} calls
 * {@link #check()} on every such mixin (nested ones too) before {@link PrintingCommand#run}, so a
 * {@code --limit 0} or an output format the command does not offer is a usage error before a
 * workspace is opened or Spark is started, whatever the command reads first.
 */
public interface CheckedOptions {
    /** Throws a usage error ({@code FlowlensException}) naming the option when a value cannot be used. */
    void check();
}
