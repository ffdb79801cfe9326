package org.countersign.api.identity;

/**
 * A signed-in console session. {@code token} goes in an HttpOnly cookie (null when the session was looked up
 * rather than created); {@code csrf} is what forms and scripts must send back with every change.
 */
public record ConsoleSession(String token, String csrf, Actor actor, boolean mustChangePassword) {
}
