package org.countersign.http.internal.routes;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** Readable names of OSGi bundle states. */
final class BundleStates {

    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    /** Fragments never become ACTIVE; RESOLVED is their healthy state. */
    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }
}
