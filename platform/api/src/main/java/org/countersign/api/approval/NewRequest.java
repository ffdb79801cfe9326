package org.countersign.api.approval;

import java.util.List;

/** A request to submit: the resources (their drafts for {@code publish}), reviewers to ask and a comment. */
public record NewRequest(String kind, List<String> resources, String sourceEnvironment, String targetEnvironment,
        List<String> reviewers, String comment) {
}
