package org.countersign.api.identity;

/** What an instance admin gives to create a user. */
public record NewUser(String email, String name, boolean instanceAdmin) {
}
