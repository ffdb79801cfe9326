package org.countersign.rules.internal;

import com.google.re2j.Pattern;

/** A compiled {@code ~/pattern/} of a rule: {@code text in pattern} and {@code grep(pattern)} match whole texts. */
public final class RulePattern {

    private final Pattern pattern;

    RulePattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Whether the whole of {@code text} matches, as Groovy's patterns do in {@code in}, {@code switch} and {@code grep}. */
    public boolean isCase(Object text) {
        return Regex.matches(text, this);
    }

    Pattern pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
