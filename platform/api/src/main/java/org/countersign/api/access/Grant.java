package org.countersign.api.access;

/** The outcome of a permission check. */
public enum Grant {
    /** Allowed outright. */
    ALLOWED,
    /** Allowed only through a draft that needs approval when the workspace requires approvals (the seeds' Full*). */
    DRAFT_ONLY,
    /** No statement allows it, or one denies it. */
    DENIED;

    public boolean permits() {
        return this != DENIED;
    }
}
