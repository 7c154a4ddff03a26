package dev.flowlens.core.filter;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.record.LogStatus;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * The structured filters of search, conversations and diagnose: every given one must hold.
 * Null or empty means "any". Build one by name: {@code FlowFilter.builder().enis(List.of("eni-1")).port(443).build()}.
 *
 * @param enis interfaces (log streams); a record matches any of them
 * @param from epoch seconds; a record matches when its capture window overlaps [from, to]
 * @param to epoch seconds
 * @param ip source or destination address in this block
 * @param src source address in this block
 * @param dst destination address in this block
 * @param port source or destination port
 */
@RecordBuilder
public record FlowFilter(
        List<String> enis,
        Long from,
        Long to,
        Cidr ip,
        Cidr src,
        Cidr dst,
        Integer port,
        Integer srcPort,
        Integer dstPort,
        Integer protocol,
        Action action,
        LogStatus status) {

    public static final FlowFilter ANY = builder().build();

    public FlowFilter {
        enis = enis == null ? List.of() : List.copyOf(enis);
    }

    /** A builder by name ({@link FlowFilterBuilder}, written by RecordBuilder's annotation processor); unset filters match anything. */
    public static FlowFilterBuilder builder() {
        return FlowFilterBuilder.builder();
    }

    /** A builder holding this filter's values. */
    public FlowFilterBuilder toBuilder() {
        return FlowFilterBuilder.builder(this);
    }

    /** This filter for records whose capture window overlaps [from, to] (epoch seconds; either may be null). */
    public FlowFilter withWindow(Long newFrom, Long newTo) {
        return toBuilder().from(newFrom).to(newTo).build();
    }
}
