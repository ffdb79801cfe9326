package org.countersign.resource.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A global data policy (seeds/003): mask, redact or limit rows on the data sources it names, whose owners are
 * its natural reviewers. Governed: any change but the description needs approval.
 */
@Component(service = ResourceType.class)
public class PolicyResourceType extends BasicResourceType {

    public PolicyResourceType() {
        super("policy", true, List.of(),
                Schemas.load(PolicyResourceType.class, "policy.schema.json"),
                List.of("/actions", "/conditions", "/dataSources"));
    }

    @Override
    public boolean referencedOwnersReview() {
        return true;
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        List<Reference> references = new ArrayList<>();
        if (config.get("dataSources") instanceof List<?> sources) {
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i) instanceof String id) {
                    references.add(new Reference("/dataSources/" + i, "source", id));
                }
            }
        }
        return references;
    }
}
