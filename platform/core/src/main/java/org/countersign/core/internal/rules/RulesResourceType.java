package org.countersign.core.internal.rules;

import java.util.List;
import java.util.Map;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.rules.RulesService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Rules as a governed resource (docs/domain.md#approval-rules): with the workspace setting {@code governRules}, a new
 * rules script is the draft of the workspace's {@code rules} resource and goes live through an approval request. Its
 * config is the script ({@code source}) and, to stop governing, {@code governRules: false}; diffs show the script
 * line by line; a script that does not compile is refused.
 */
@Component(service = ResourceType.class)
public class RulesResourceType extends BasicResourceType {

    public static final String NAME = RulesService.RESOURCE_TYPE;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Rules",
              "description": "A workspace's approval rules script, when its changes are governed.",
              "type": "object",
              "minProperties": 1,
              "additionalProperties": false,
              "properties": {
                "source": {"type": "string", "minLength": 1},
                "governRules": {"type": "boolean", "description": "false: stop governing rules changes"}
              }
            }
            """;

    private final RulesGate rules;

    @Activate
    public RulesResourceType(@Reference RulesGate rules) {
        super(NAME, true, List.of(),
                SCHEMA,
                List.of());
        this.rules = rules;
    }

    @Override
    public List<String> textDiffPaths() {
        return List.of("/source");
    }

    @Override
    public List<FieldError> validate(Map<String, Object> config) {
        if (!(config.get(RulesGovernance.SOURCE) instanceof String source)) {
            return List.of();
        }
        return rules.engine().map(engine -> engine.check(source).stream()
                .map(p -> new FieldError("/source", "line " + p.line() + ", column " + p.column() + ": " + p.message()))
                .toList())
                .orElse(List.of(new FieldError("/source", "no rule engine is installed to check it")));
    }
}
