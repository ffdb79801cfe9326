package org.countersign.rules.internal;

import java.lang.reflect.Modifier;
import java.util.Collection;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.GenericsType;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;

/**
 * What {@code value[index]} may compile to in a rule. The type checker binds a subscript without asking the
 * allowlist, and Groovy's {@code getAt(Object, String)} reads any property of any object; so a subscript is
 * left as it is only where it reads data (an element of an array, list or string by position, a map's entry),
 * a lookup by name in a value that may be a map goes to {@link MapLookups}, and every other subscript is
 * refused.
 */
final class Subscripts {

    private static final ClassNode LOOKUPS = ClassHelper.make(MapLookups.class);
    private static final ClassNode COLLECTION = ClassHelper.make(Collection.class);
    private static final ClassNode CHAR_SEQUENCE = ClassHelper.make(CharSequence.class);

    private Subscripts() {
    }

    /** Whether {@code container[index]} reads data: a map entry, or elements by position. */
    static boolean readsData(ClassNode container, ClassNode index) {
        if (is(container, ClassHelper.MAP_TYPE)) {
            return true;
        }
        if (container.isArray() || is(container, ClassHelper.LIST_TYPE)) {
            return AllowlistExtension.numeric(index) || is(index, COLLECTION);
        }
        return is(container, CHAR_SEQUENCE) && AllowlistExtension.numeric(index);
    }

    /**
     * The lookup to bind {@code container['name']} to: a value of unknown type (a config entry) may be a map, as
     * may the elements of a collection of such values. Null when that cannot be, or the index is not a name.
     */
    static MethodNode byName(ClassNode container, ClassNode index) {
        if (!index.equals(ClassHelper.STRING_TYPE)) {
            return null;
        }
        ClassNode receiver;
        if (mayBeMap(container)) {
            receiver = ClassHelper.OBJECT_TYPE;
        } else if (is(container, COLLECTION) && mayBeMap(elementType(container))) {
            receiver = COLLECTION;
        } else {
            return null;
        }
        MethodNode lookup = LOOKUPS.getMethods("getAt").stream()
                .filter(method -> method.getParameters()[0].getType().equals(receiver)).findFirst().orElseThrow();
        ExtensionMethodNode call = new ExtensionMethodNode(lookup, "getAt", lookup.getModifiers() & ~Modifier.STATIC,
                lookup.getReturnType(), new Parameter[] {new Parameter(ClassHelper.STRING_TYPE, "name")},
                ClassNode.EMPTY_ARRAY, null, false);
        call.setDeclaringClass(container);
        return call;
    }

    private static boolean mayBeMap(ClassNode type) {
        return ClassHelper.isObjectType(type) || is(type, ClassHelper.MAP_TYPE);
    }

    private static ClassNode elementType(ClassNode collection) {
        GenericsType[] generics = collection.getGenericsTypes();
        return generics == null || generics.length != 1 || generics[0].isPlaceholder() || generics[0].isWildcard()
                ? ClassHelper.OBJECT_TYPE : generics[0].getType();
    }

    private static boolean is(ClassNode type, ClassNode wanted) {
        return type.equals(wanted) || type.implementsInterface(wanted) || type.isDerivedFrom(wanted);
    }
}
