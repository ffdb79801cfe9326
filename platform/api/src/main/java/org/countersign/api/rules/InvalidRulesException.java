package org.countersign.api.rules;

import java.util.List;
import java.util.Map;
import org.countersign.api.error.BadRequestException;

/** 400 {@code invalid_rules}: the script did not compile in the sandbox; {@code errors} has line and column. */
public class InvalidRulesException extends BadRequestException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public InvalidRulesException(List<RuleProblem> problems) {
        super("invalid_rules", "The rules script does not compile: " + problems.get(0).message() + " (line "
                + problems.get(0).line() + ", column " + problems.get(0).column() + ")");
        this.problems = List.copyOf(problems);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("errors", problems);
    }
}
