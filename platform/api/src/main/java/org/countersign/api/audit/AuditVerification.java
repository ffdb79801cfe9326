package org.countersign.api.audit;

/** The result of recomputing a chain: ok with its length and head hash, or the first broken seq. */
public record AuditVerification(boolean ok, long count, String head, Long brokenAt) {
}
