package org.countersign.rules.internal;

import java.util.List;

/** Who may satisfy a requirement: {@code role(...)}, {@code users(...)}, {@code owners()} or {@code anyone()}. */
public record Group(String kind, List<String> members) {

    public Group {
        members = List.copyOf(members);
    }
}
