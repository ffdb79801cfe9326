package org.countersign.core.internal;

import java.util.List;
import java.util.Optional;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.rules.RulesGovernance;
import org.countersign.core.internal.secret.SecretBox;

/** Resource types standing in for plugin bundles in core tests. */
public final class TestTypes {

    /** One key for every service a test builds by hand: what one seals, another must open. */
    public static final SecretBox SECRETS = SecretBox.ephemeral();

    private TestTypes() {
    }

    /** A governed type whose every change is approval-relevant. */
    public static ResourceType governed(String name, String... actions) {
        return new BasicResourceType(name, true, List.of(actions), "{\"type\":\"object\"}", List.of()) {
        };
    }

    /** Rules governance for tests that build the workspace service by hand. */
    public static RulesGovernance governance(AuditLog audit, AccessControl access) {
        return new RulesGovernance(audit, access, new RulesGate(), registry());
    }

    /** A registry holding exactly these types. */
    public static ResourceTypes registry(ResourceType... types) {
        List<ResourceType> all = List.of(types);
        return new ResourceTypes() {
            @Override
            public List<ResourceType> all() {
                return all;
            }

            @Override
            public Optional<ResourceType> find(String name) {
                return all.stream().filter(t -> t.name().equals(name)).findFirst();
            }
        };
    }
}
