package dev.flowlens.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filter patterns against flow log messages, each row with the rule of the CloudWatch Logs
 * documentation it checks ("Filter pattern syntax for metric filters, subscription filters, filter
 * log events, and Live Tail": docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
 * sections "Using filter patterns to match terms in unstructured log events" (U) and "... in
 * space-delimited log events" (S)). A row is the pattern, the name of the message, whether it
 * matches, and the rule. Every row is checked twice: with the reference matcher on the
 * message text, and with the pattern compiled for the v2 format evaluated on the fields.
 */
class TestFilterPatternConformance {
    // the AWS documentation's flow log record examples (testdata/conformance/aws-docs), named in the table
    static final String ACCEPT =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
    static final String REJECT =
            "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK";
    static final String NODATA = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA";
    static final String SKIP = "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA";
    static final String NEAR =
            "2 123456789010 eni-1235b8ca123456789 10.0.0.52 10.0.0.6 443 51000 6 10 840 1418530010 1418530070 ACCEPT OK";
    static final String EXACT =
            "2 123456789010 eni-1235b8ca123456789 10.0.0.5 10.0.0.6 443 51000 6 10 840 1418530010 1418530070 ACCEPT OK";
    static final Map<String, String> MESSAGES =
            Map.of("ACCEPT", ACCEPT, "REJECT", REJECT, "NODATA", NODATA, "SKIP", SKIP, "NEAR", NEAR, "EXACT", EXACT);

    @ParameterizedTest(name = "[{index}] {3}: {0}")
    @CsvSource(delimiter = ';', textBlock = """
            # U: "Filter patterns are case sensitive."
            ACCEPT ; ACCEPT ; true ; U: a single term matches messages containing it
            accept ; ACCEPT ; false ; U: filter patterns are case sensitive
            REJECT ; ACCEPT ; false ; U: a single term matches only messages containing it
            # U: several terms: all must appear
            ACCEPT 22 ; ACCEPT ; true ; U: several terms match messages containing all of them
            ACCEPT 3389 ; ACCEPT ; false ; U: several terms: one missing term means no match
            # U: ?term: any of them
            ?REJECT ?NODATA ; REJECT ; true ; U: ?a ?b matches messages containing either
            ?REJECT ?NODATA ; NODATA ; true ; U: ?a ?b matches messages containing either
            ?REJECT ?NODATA ; ACCEPT ; false ; U: ?a ?b: neither present means no match
            # U: -term: exclusion
            eni-1235b8ca123456789 -REJECT ; ACCEPT ; true ; U: a -term excludes messages containing it
            eni-1235b8ca123456789 -REJECT ; REJECT ; false ; U: a -term excludes messages containing it
            -NODATA ; SKIP ; true ; U: only an exclusion: everything without the term
            -NODATA ; NODATA ; false ; U: only an exclusion: messages with the term are dropped
            # U: exact phrases in double quotes (spaces included)
            " 10.0.0.5 " ; EXACT ; true ; U: a quoted phrase matches exactly, spaces included
            " 10.0.0.5 " ; NEAR ; false ; U: a quoted phrase with spaces does not match a longer address
            "10.0.0.5" ; NEAR ; true ; U: a quoted term without spaces matches as text inside the message
            "ACCEPT OK" ; ACCEPT ; true ; U: a phrase may span fields
            "OK ACCEPT" ; ACCEPT ; false ; U: a phrase matches in order
            "22 6 20" ; ACCEPT ; true ; U: a phrase over several whole fields
            -"172.31.9.69" ; REJECT ; false ; U: an excluded quoted term
            '' ; ACCEPT ; true ; U: an empty pattern matches every event
            "" ; NODATA ; true ; U: "" matches every event
            # S: brackets, one name per space-delimited field
            [version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action, flowlogstatus] ; ACCEPT ; true ; S: names in brackets match by position
            [version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus] ; REJECT ; false ; S: a quoted value compares as text
            [version, account, eni, source, destination, srcport, destport="3389", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus] ; REJECT ; true ; S: text equality on several fields
            [version, account, eni] ; ACCEPT ; false ; S: without ..., the field count must match
            # S: ... stands for unnamed fields
            [..., action=REJECT, status] ; REJECT ; true ; S: ... for fields you do not name
            [version, ..., status=NODATA] ; NODATA ; true ; S: ... between named fields
            [v, a, eni, ...] ; NODATA ; true ; S: ... at the end
            # S: numeric comparisons
            [..., srcport, destport<1024, proto, p, bytes>4000, s, e, action, status] ; ACCEPT ; true ; S: < and > compare numbers
            [..., srcport, destport<1024, proto, p, bytes>=5000, s, e, action, status] ; ACCEPT ; false ; S: >= compares numbers
            [..., destport=22, proto, p, b, s, e, action, status] ; ACCEPT ; true ; S: = with a number compares numerically
            [..., destport!=22, proto, p, b, s, e, action, status] ; REJECT ; true ; S: != with a number
            [..., destport!=22, proto, p, b, s, e, action, status] ; NODATA ; false ; S: - is not a number, so numbers never match it
            [..., action!=ACCEPT, status] ; NODATA ; true ; S: != on text
            # S: * wildcards
            [version, account, eni=eni-1235*, ...] ; ACCEPT ; true ; S: * matches any run of characters
            [version, account, eni=*1111*, ...] ; ACCEPT ; false ; S: * wildcard in the middle
            [v, a, eni, source=172.31.*, ...] ; REJECT ; true ; S: wildcard on an address
            # S: && and ||
            [..., destport=22 || destport=3389, proto, p, b, s, e, action, status] ; REJECT ; true ; S: || of conditions
            [..., destport=22 || destport=80, proto, p, b, s, e, action, status] ; REJECT ; false ; S: || of conditions, none holds
            [..., srcport>1024 && srcport<65536, destport, proto, p, b, s, e, action, status] ; ACCEPT ; true ; S: && of conditions
            [..., srcport, destport, proto, p, b, s, e, action=REJECT && status=OK, status] ; REJECT ; true ; S: a condition may name another field
            """)
    void matchesAsCloudWatchDocuments(String pattern, String messageName, boolean expected, String rule) {
        String message = MESSAGES.get(messageName);
        FilterPattern p = FilterPatternParser.parse(pattern);
        assertThat(MessageMatcher.matches(p, message)).as("reference: " + rule).isEqualTo(expected);
        FieldPredicate compiled = PatternCompiler.compile(p, FlowFormat.DEFAULT_V2);
        assertThat(compiled.test(List.of(message.split(" "))))
                .as("compiled: " + rule)
                .isEqualTo(expected);
    }
}
