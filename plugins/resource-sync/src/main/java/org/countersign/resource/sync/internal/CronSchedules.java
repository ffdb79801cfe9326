package org.countersign.resource.sync.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.error.FieldError;

/** The schedule checks JSON Schema cannot express: a cron schedule has a valid five-field (Unix) expression. */
final class CronSchedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {
    }

    static List<FieldError> check(Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        if (!(config.get("schedule") instanceof Map<?, ?> schedule)) {
            return errors;
        }
        Object type = schedule.get("type");
        if ("cron".equals(type)) {
            if (!(schedule.get("cron") instanceof String expression) || expression.isBlank()) {
                errors.add(new FieldError("/schedule/cron", "is required for a cron schedule"));
            } else {
                try {
                    PARSER.parse(expression).validate();
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("/schedule/cron", "is not a valid cron expression: " + e.getMessage()));
                }
            }
        } else if ("interval".equals(type) && !(schedule.get("everyMinutes") instanceof Number)) {
            errors.add(new FieldError("/schedule/everyMinutes", "is required for an interval schedule"));
        }
        return errors;
    }
}
