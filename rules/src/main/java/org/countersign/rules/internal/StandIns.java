package org.countersign.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;

/**
 * Finds the stand-in in {@link BoundedCalls} or {@link MapLookups} for a call the type checker bound to a JDK or
 * Groovy method, as a method node the static compiler calls in its place: an extension method whose receiver
 * becomes the stand-in's first argument. The call keeps the original's parameter and result types, so type
 * checking sees no difference.
 */
final class StandIns {

    private static final List<ClassNode> STAND_INS = List.of(ClassHelper.make(BoundedCalls.class),
            ClassHelper.make(MapLookups.class));
    private static final Set<String> OWNERS = Set.of("java.lang.String", "java.util.List", "java.util.Collection",
            "org.codehaus.groovy.runtime.DefaultGroovyMethods", "org.codehaus.groovy.runtime.StringGroovyMethods");

    private StandIns() {
    }

    /** The stand-in to call instead of {@code target}, or null when it has none. */
    static MethodNode of(MethodNode target) {
        boolean extension = target instanceof ExtensionMethodNode;
        MethodNode declared = extension ? ((ExtensionMethodNode) target).getExtensionMethodNode() : target;
        ClassNode owner = declared.getDeclaringClass();
        if (!OWNERS.contains(owner.getName())) {
            return null;
        }
        List<String> wanted = new ArrayList<>();
        if (!extension && !declared.isStatic()) {
            wanted.add(owner.getName());
        }
        wanted.addAll(erasures(declared.getParameters()));
        for (ClassNode standIns : STAND_INS) {
            for (MethodNode candidate : standIns.getMethods(declared.getName())) {
                if (erasures(candidate.getParameters()).equals(wanted)) {
                    ExtensionMethodNode standIn = new ExtensionMethodNode(candidate, target.getName(),
                            target.getModifiers(), target.getReturnType(), target.getParameters(),
                            target.getExceptions(), null, false);
                    standIn.setDeclaringClass(target.getDeclaringClass());
                    standIn.setGenericsTypes(target.getGenericsTypes());
                    return standIn;
                }
            }
        }
        return null;
    }

    /** Whether methods of this class are stand-ins (a spread call is checked once more with its stand-in). */
    static boolean isStandIn(String owner) {
        return STAND_INS.stream().anyMatch(standIns -> standIns.getName().equals(owner));
    }

    private static List<String> erasures(Parameter[] parameters) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : parameters) {
            names.add(parameter.getType().redirect().getName());
        }
        return names;
    }
}
