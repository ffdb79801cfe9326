package org.countersign.api.rules;

/** A compile error of a rules script, at a 1-based line and column. */
public record RuleProblem(int line, int column, String message) {
}
