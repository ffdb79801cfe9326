package org.countersign.api.approval;

import java.util.List;
import java.util.Map;
import org.countersign.api.error.ForbiddenException;

/** 403 {@code approval_required}: the change cannot be published directly; the problem lists what it needs. */
public class ApprovalRequiredException extends ForbiddenException {
    private static final long serialVersionUID = 1L;

    private final transient List<Requirement> requirements;
    private final transient List<String> reasons;

    public ApprovalRequiredException(String detail, List<String> reasons, List<Requirement> requirements) {
        super("approval_required", detail);
        this.reasons = List.copyOf(reasons);
        this.requirements = List.copyOf(requirements);
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("reasons", reasons, "requirements", requirements);
    }
}
