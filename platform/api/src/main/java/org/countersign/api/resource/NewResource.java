package org.countersign.api.resource;

import java.util.List;
import java.util.Map;

/**
 * A resource to create. {@code mode}: {@code draft} keeps it as a draft, {@code submit} opens an approval
 * request for it, {@code publish} publishes it at once when nothing requires approval.
 */
public record NewResource(String type, String name, Map<String, String> labels, List<String> owners,
        Map<String, Object> config, String mode, List<String> reviewers, String comment) {

    public static final String DRAFT = "draft";
    public static final String SUBMIT = "submit";
    public static final String PUBLISH = "publish";

    public ResourceContent content() {
        return new ResourceContent(name, labels, owners, config);
    }
}
