package org.countersign.rules.internal;

import java.util.List;
import java.util.Set;

/**
 * Sandbox layer 4 (docs/domain.md#approval-rules): the parent of every script's class loader. It answers only for the
 * DSL, Groovy's runtime and JDK packages a compiled script needs; the rest of the JDK (processes, files, sockets,
 * reflection, class loading) and every other bundle's classes do not exist for a script.
 */
final class SandboxClassLoader extends ClassLoader {

    private static final List<String> ALLOWED_PREFIXES = List.of("org.countersign.rules.internal.", "groovy.lang.",
            "groovy.transform.", "org.codehaus.groovy.runtime.", "org.codehaus.groovy.reflection.",
            "org.codehaus.groovy.vmplugin.", "org.codehaus.groovy.transform.", "org.codehaus.groovy.ast.",
            "org.codehaus.groovy.control.", "org.codehaus.groovy.classgen.", "org.apache.groovy.",
            "java.util.", "java.time.", "java.lang.invoke.", "java.math.",
            // the JVM itself asks for these when it instantiates a compiled script reflectively
            "jdk.internal.reflect.", "sun.reflect.");

    /** java.lang is needed (String, Object, Integer, Thread for interrupt checks) but not all of it. */
    private static final Set<String> DENIED_LANG = Set.of("java.lang.Runtime", "java.lang.System",
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle", "java.lang.ClassLoader",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.SecurityManager", "java.lang.StackWalker",
            "java.lang.reflect", "java.lang.ref");

    private final ClassLoader bundle;

    SandboxClassLoader(ClassLoader bundle) {
        super(null);
        this.bundle = bundle;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!visible(name)) {
            throw new ClassNotFoundException(name + " is not available to rules");
        }
        return bundle.loadClass(name);
    }

    static boolean visible(String name) {
        if (name.startsWith("java.util.regex.")) {
            // its matcher backtracks without bound and cannot be interrupted; rules use RE2/J through Regex
            return false;
        }
        if (name.startsWith("java.lang.") && name.indexOf('.', "java.lang.".length()) < 0) {
            return !DENIED_LANG.contains(name);
        }
        if (name.startsWith("java.lang.reflect.") || name.startsWith("java.lang.ref.")) {
            return false;
        }
        return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
