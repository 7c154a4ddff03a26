package dev.flowlens.web.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * {@code /api/graph}: who talks to whom at one {@code level} (address, subnet or ENI); {@code
 * addresses} is how many distinct addresses the window has when the level was chosen from it, else
 * -1; {@code eni_addresses} (an ENI's address) only at the ENI level.
 */
public record GraphView(
        String level,
        long addresses,
        SortedSet<String> nodes,
        List<Edge> edges,

        @JsonProperty("eni_addresses") @JsonInclude(JsonInclude.Include.NON_NULL)
        SortedMap<String, String> eniAddresses) {

    /** Traffic from one node to another: bytes, records, and the records rejected. */
    public record Edge(String source, String target, long bytes, long records, long rejected) {}
}
