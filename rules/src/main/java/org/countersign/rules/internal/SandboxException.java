package org.countersign.rules.internal;

/** A script refused by the sandbox, at a 1-based line and column (0 when unknown). */
final class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    SandboxException(String message, int line, int column) {
        super(message);
        this.line = Math.max(line, 0);
        this.column = Math.max(column, 0);
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
