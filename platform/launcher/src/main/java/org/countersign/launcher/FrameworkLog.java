package org.countersign.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Felix's own messages (resolution failures, bundle errors) in the launcher's log format. */
final class FrameworkLog extends Logger {

    @Override
    @SuppressWarnings("rawtypes")
    protected void doLog(Bundle bundle, ServiceReference ref, int level, String message, Throwable error) {
        String text = (bundle == null ? "" : bundle.getSymbolicName() + ": ") + message
                + (error == null ? "" : " (" + error + ")");
        switch (level) {
            case LOG_ERROR -> Log.error(text);
            case LOG_WARNING -> Log.warn(text);
            default -> Log.info(text);
        }
    }
}
