package org.countersign.rules.internal;

import groovy.lang.GroovyObject;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.countersign.api.rules.RuleEngine;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** The class path of the worker JVM: the jars of Groovy, the API and this bundle, as installed. */
final class WorkerClasspath {

    private WorkerClasspath() {
    }

    static String of(BundleContext context) {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> type : new Class<?>[] {GroovyObject.class, RuleEngine.class, WorkerClasspath.class,
                org.slf4j.Logger.class}) {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle != null) {
                jars.add(path(bundle.getLocation()));
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    /** Bundle locations are {@code file:} URIs, sometimes prefixed with {@code reference:}. */
    static String path(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        return uri.startsWith("file:") ? Path.of(URI.create(uri)).toString() : uri;
    }
}
