package org.countersign.api.storage;

/**
 * Thrown by {@link Change#write} when what its decision rested on changed since it was taken: the change is
 * decided again on what is stored now. Never reaches a caller of {@link Store#change}.
 */
public final class StaleDecisionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleDecisionException(String what) {
        super(what + " changed while the change was being decided", null, false, false);
    }
}
