package org.countersign.api.identity;

/** A freshly created key together with its token: the only moment the token is known. */
public record IssuedApiKey(ApiKey key, String token) {
}
