package org.countersign.api.access;

import java.util.List;

/** A named list of statements. Built-in roles are the same in every workspace and cannot be changed. */
public record Role(String name, String description, boolean builtIn, List<String> aliases, List<Statement> statements) {

    public Role {
        aliases = List.copyOf(aliases);
        statements = List.copyOf(statements);
    }
}
