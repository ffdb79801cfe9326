package org.countersign.core.internal.lifecycle;

import org.countersign.api.config.StartupFailure;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the framework on a fatal startup problem and leaves the reason where the launcher reads it. */
@Component(service = StartupFailure.class)
public class FrameworkHalt implements StartupFailure {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkHalt.class);

    private final BundleContext context;

    @Activate
    public FrameworkHalt(BundleContext context) {
        this.context = context;
    }

    @Override
    public void halt(String reason) {
        LOG.error("Countersign cannot run: {}", reason);
        System.setProperty(PROPERTY, reason);
        // the caller is usually inside a component's activation, which stopping the framework would wait for
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Cannot stop the framework: {}", e.getMessage());
            }
        }, "countersign-halt");
        stopper.start();
    }
}
