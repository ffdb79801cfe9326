package org.countersign.store.sqlite.internal;

import java.nio.file.Path;
import java.util.Hashtable;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.config.StartupFailure;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.storage.StorageException;
import org.countersign.api.storage.Store;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the SQLite database and registers it as the {@link Store} when {@code storage} is {@code sqlite}
 * (the default). Registering by hand lets a PostgreSQL bundle sit beside this one without two stores.
 */
@Component(immediate = true, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class SqliteStoreComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStoreComponent.class);

    @Reference
    private StartupFailure failure;

    private volatile SqliteStore store;
    private volatile Telemetry telemetry;
    private ServiceRegistration<Store> registration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
        report();
    }

    void unsetTelemetry(Telemetry telemetry) {
        if (this.telemetry == telemetry) {
            this.telemetry = null;
            report();
        }
    }

    private void report() {
        SqliteStore open = store;
        Telemetry current = telemetry;
        if (open != null) {
            open.reportTo(current == null ? Telemetry.NONE : current);
        }
    }

    @Activate
    void activate(BundleContext context, SqliteConfiguration config) {
        String storage = config.storage();
        if (!"sqlite".equals(storage)) {
            LOG.info("storage={}: the SQLite store stays idle", storage);
            return;
        }
        Path file = InstanceConfig.dataFile(config.home(), config.data_dir(), config.sqlite_path(), "countersign.db");
        SqliteSynchronous synchronous = SqliteSynchronous.parse(config.sqlite_synchronous());
        try {
            store = SqliteStore.open(file, synchronous);
        } catch (StorageException e) {
            // without its database the instance cannot do anything: stop rather than run empty-handed
            failure.halt(e.getMessage());
            return;
        }
        report();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("storage", "sqlite");
        registration = context.registerService(Store.class, store, properties);
        LOG.info("SQLite store open at {} (synchronous={})", file, synchronous);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (store != null) {
            store.close();
            store = null;
            LOG.info("SQLite store closed");
        }
    }
}
