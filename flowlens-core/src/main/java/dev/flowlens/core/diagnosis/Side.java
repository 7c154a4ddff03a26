package dev.flowlens.core.diagnosis;

/** Which end of a conversation the capturing ENI belongs to. */
public enum Side {
    CLIENT,
    SERVER,
    UNKNOWN
}
