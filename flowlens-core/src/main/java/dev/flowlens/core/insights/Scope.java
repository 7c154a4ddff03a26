package dev.flowlens.core.insights;

import java.util.List;
import java.util.Optional;

/** What an expression can name where it stands: a {@link Layer}, or a layer and the columns a command is defining on it. */
interface Scope {
    /** The SQL of a name, if it is known here. */
    Optional<Frag> lookup(String name);

    /** Every name known here, for "did you mean". */
    List<String> knownNames();

    /** Whether the records themselves are read here (their fields are known), not a subquery. */
    boolean root();

    /** Whether a command defined a column of this name (which hides a field of the same name). */
    boolean defines(String name);
}
