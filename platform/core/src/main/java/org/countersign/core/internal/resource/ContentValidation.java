package org.countersign.core.internal.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.ResourceContent;
import org.countersign.core.internal.support.Text;

/** Checks of what a draft may hold; every problem is reported at once, with its JSON path. */
final class ContentValidation {

    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final int MAX_NAME = 200;
    private static final int MAX_LABEL_VALUE = 200;
    private static final int MAX_LABELS = 50;

    private ContentValidation() {
    }

    /** @param isMember whether an owner id is a member of the workspace */
    static void check(ResourceContent content, Predicate<String> isMember) {
        List<FieldError> errors = new ArrayList<>();
        if (content.name() == null || content.name().isBlank()) {
            errors.add(new FieldError("/name", "is required"));
        } else if (content.name().length() > MAX_NAME) {
            errors.add(new FieldError("/name", "must be at most " + MAX_NAME + " characters"));
        } else if (Text.problem(content.name()) != null) {
            errors.add(new FieldError("/name", Text.problem(content.name())));
        }
        Map<String, String> labels = content.labels();
        if (labels.size() > MAX_LABELS) {
            errors.add(new FieldError("/labels", "must have at most " + MAX_LABELS + " labels"));
        }
        labels.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches()) {
                errors.add(new FieldError("/labels/" + key, "label keys are letters, digits, '_', '.' and '-'"));
            } else if (value == null || value.isEmpty() || value.length() > MAX_LABEL_VALUE) {
                errors.add(new FieldError("/labels/" + key, "must be a string of 1 to " + MAX_LABEL_VALUE + " characters"));
            } else if (Text.problem(value) != null) {
                errors.add(new FieldError("/labels/" + key, Text.problem(value)));
            }
        });
        List<String> owners = content.owners();
        for (int i = 0; i < owners.size(); i++) {
            if (owners.get(i) == null || !isMember.test(owners.get(i))) {
                errors.add(new FieldError("/owners/" + i, "is not a member of this workspace"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "The resource is invalid", errors);
        }
    }
}
