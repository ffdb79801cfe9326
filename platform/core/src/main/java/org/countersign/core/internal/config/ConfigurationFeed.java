package org.countersign.core.internal.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.config.StartupFailure;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the instance configuration the launcher read ({@code conf/countersign.properties} and the
 * environment) as the Configuration Admin configuration {@link InstanceConfig#PID}, which every component that
 * reads configuration requires. The values are checked first against what the installed bundles describe, so a
 * malformed one stops the instance with its key named instead of reaching a component.
 */
@Component(immediate = true)
public class ConfigurationFeed {

    /** The launcher offers what it read as a {@code Supplier} with this property. */
    static final String LAUNCHER_CONFIGURATION = "(countersign.config=instance)";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationFeed.class);

    @Activate
    public ConfigurationFeed(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference MetaTypeService metatype, @Reference StartupFailure failure,
            @Reference(target = LAUNCHER_CONFIGURATION) Supplier<Map<String, String>> launcher) throws IOException {
        ConfigurationCheck.Result checked = ConfigurationCheck.check(launcher.get(), described(context, metatype));
        checked.unknown().forEach(key -> LOG.warn("Configuration key {} is read by no installed bundle: misspelt?", key));
        if (!checked.problems().isEmpty()) {
            failure.halt(String.join("; ", checked.problems()));
            return;
        }
        Configuration configuration = admin.getConfiguration(InstanceConfig.PID, "?");
        configuration.updateIfDifferent(new Hashtable<>(checked.values()));
    }

    /** Every attribute of the instance configuration that an installed bundle describes. */
    private static List<AttributeDefinition> described(BundleContext context, MetaTypeService metatype) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null || !Arrays.asList(information.getPids()).contains(InstanceConfig.PID)) {
                continue;
            }
            ObjectClassDefinition definition = information.getObjectClassDefinition(InstanceConfig.PID, null);
            AttributeDefinition[] all = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (all != null) {
                attributes.addAll(Arrays.asList(all));
            }
        }
        return attributes;
    }
}
