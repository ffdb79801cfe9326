package org.countersign.api.identity;

/** How views name a user: enough for a reader to tell who someone is, nothing more. */
public record Person(String id, String email, String name) {

    public static Person of(User user) {
        return new Person(user.id(), user.email(), user.name());
    }
}
