package dev.flowlens.core.conversation;

/**
 * How many distinct peers reached an endpoint: a listening port is reached by many peers, an
 * ephemeral client port by one. Used to tell client from server when tcp-flags do not.
 */
@FunctionalInterface
public interface PeerCounts {
    PeerCounts NONE = endpoint -> 0;

    int peers(Endpoint endpoint);
}
