package org.countersign.api.storage;

import java.time.Instant;

/**
 * A verdict ({@code approved}, {@code declined}, {@code changes_requested}) given in one round of a request, on
 * the content whose {@code digest} the reviewer saw (null for reviews stored before digests existed), and the
 * draft version of each item it was given on ({@code draftVersionsJson}, a JSON object by resource id; null when
 * unknown), so "what changed since my review" can be shown.
 */
public record StoredReview(String requestId, String userId, String verdict, String comment, Instant at, int round,
        String digest, String draftVersionsJson) {

    /** The verdicts, named as the API shows them. */
    public static final String APPROVED = "approved";
    public static final String DECLINED = "declined";
    public static final String CHANGES_REQUESTED = "changes_requested";
}
