package org.countersign.core.internal.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.NewUser;
import org.countersign.core.internal.support.Text;

/** Input checks for users and keys; every problem is reported at once, with its JSON path. */
final class IdentityValidation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 200;

    private IdentityValidation() {
    }

    static void check(NewUser user) {
        List<FieldError> errors = new ArrayList<>();
        String email = user.email() == null ? "" : user.email().strip();
        if (email.isEmpty()) {
            errors.add(new FieldError("/email", "is required"));
        } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches() || Text.problem(email) != null) {
            errors.add(new FieldError("/email", "is not an email address"));
        }
        name(user.name(), errors);
        fail(errors);
    }

    static void checkKeyName(String name) {
        List<FieldError> errors = new ArrayList<>();
        name(name, errors);
        fail(errors);
    }

    private static void name(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("/name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("/name", "must be at most " + MAX_NAME + " characters"));
        } else if (Text.problem(name) != null) {
            errors.add(new FieldError("/name", Text.problem(name)));
        }
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "The request has invalid fields", errors);
        }
    }
}
