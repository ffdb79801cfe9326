package org.countersign.rules.internal;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCall;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.syntax.Types;
import org.codehaus.groovy.transform.sc.StaticCompilationMetadataKeys;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.StaticTypesMarker;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

/**
 * Sandbox layer 3 (docs/domain.md#approval-rules): a type-checking extension of the static compilation that binds every
 * call to the allowlist (the DSL, the fact snapshots, and bounded String, collection and comparison methods) and
 * refuses anything left unresolved, so no dynamic dispatch path exists at run time. Allowed methods that could
 * run long inside one call are bound to their stand-ins in {@link BoundedCalls} instead.
 */
public final class AllowlistExtension extends TypeCheckingExtension {

    private static final Set<String> DSL = Set.of(RulesScript.class.getName(), RuleSpec.class.getName(),
            Group.class.getName(), Facts.Change.class.getName(), Facts.Resource.class.getName(),
            Facts.Actor.class.getName(), Facts.Diff.class.getName(), Facts.Now.class.getName(),
            Facts.Workspace.class.getName(), Regex.class.getName(), RulePattern.class.getName());

    /**
     * JDK and Groovy methods a rule may call, by declaring class; each is linear in the size of its inputs (see
     * docs/rules-sandbox.md). Those that are not ({@code contains}, {@code indexOf}, {@code matches}, {@code split},
     * {@code containsAll}, {@code intersect}, {@code minus}, {@code grep}, {@code join}, {@code find},
     * {@code isNumber}) are missing here on purpose: calls of them are bound to {@link BoundedCalls}, and any
     * overload without a stand-in there is refused.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            // injected by ThreadInterrupt: scripts themselves cannot name Thread (ShapeCheck refuses it)
            Map.entry("java.lang.Thread", Set.of("currentThread", "isInterrupted")),
            Map.entry("java.lang.String", Set.of("equals", "equalsIgnoreCase", "startsWith", "endsWith", "isEmpty",
                    "isBlank", "length", "toLowerCase", "toUpperCase", "trim", "strip", "substring", "compareTo",
                    "charAt")),
            Map.entry("java.lang.Object", Set.of("equals", "toString", "hashCode")),
            Map.entry("java.util.Map", Set.of("get", "containsKey", "containsValue", "isEmpty", "size", "keySet", "values",
                    "getOrDefault")),
            Map.entry("java.util.List", Set.of("get", "contains", "isEmpty", "size", "indexOf")),
            Map.entry("java.util.Collection", Set.of("contains", "isEmpty", "size")),
            Map.entry("java.lang.Comparable", Set.of("compareTo")),
            Map.entry("java.lang.Integer", Set.of("compareTo", "intValue", "equals")),
            Map.entry("java.lang.Number", Set.of("intValue", "longValue", "doubleValue")),
            Map.entry("org.codehaus.groovy.runtime.DefaultGroovyMethods", Set.of("isCase", "any", "every", "find", "findAll",
                    "collect", "count", "contains", "size", "getAt", "asBoolean", "first", "last", "equals",
                    "containsKey")),
            Map.entry("org.codehaus.groovy.runtime.StringGroovyMethods", Set.of("isCase", "getAt", "asBoolean",
                    "size", "toInteger", "startsWithAny", "endsWithAny")),
            Map.entry("org.codehaus.groovy.runtime.typehandling.NumberMath", Set.of("plus", "minus", "compareTo")),
            Map.entry("org.codehaus.groovy.runtime.dgmimpl.NumberNumberPlus", Set.of("plus")),
            Map.entry("org.codehaus.groovy.runtime.dgmimpl.NumberNumberMinus", Set.of("minus")));

    /** Declares the placeholders {@link #handleMissingMethod} answers for the calls it has reported. */
    private static final ClassNode UNRESOLVED = ClassHelper.make(AllowlistExtension.class);

    public AllowlistExtension(StaticTypeCheckingVisitor visitor) {
        super(visitor);
    }

    @Override
    public void onMethodSelection(Expression call, MethodNode target) {
        if (target.getDeclaringClass() == UNRESOLVED) {
            return;
        }
        MethodNode standIn = StandIns.of(target);
        if (standIn != null) {
            call.putNodeMetaData(StaticTypesMarker.DIRECT_METHOD_CALL_TARGET, standIn);
            if (call.getNodeMetaData(StaticCompilationMetadataKeys.BINARY_EXP_TARGET) != null) {
                // an operator (list - other): static compilation calls the method named here
                call.putNodeMetaData(StaticCompilationMetadataKeys.BINARY_EXP_TARGET,
                        new Object[] {standIn, target.getName()});
            }
            return;
        }
        if (!allowed(target)) {
            addStaticTypeError("'" + target.getName() + "' of " + owner(target).getDeclaringClass().getName()
                    + " is not allowed in rules", Positions.of(call));
        }
    }

    /**
     * Arithmetic only on numbers: `+` and `*` on strings or lists would let a script double a value line after
     * line until memory runs out, which no deadline catches in time. And subscripts only where they read data
     * ({@link Subscripts}): the type checker binds them without asking {@link #onMethodSelection}.
     */
    @Override
    public void afterVisitMethod(MethodNode method) {
        method.getCode().visit(new CodeVisitorSupport() {
            @Override
            public void visitBinaryExpression(BinaryExpression binary) {
                int op = binary.getOperation().getType();
                if ((op == Types.PLUS || op == Types.MULTIPLY || op == Types.POWER || op == Types.PLUS_EQUAL
                        || op == Types.MULTIPLY_EQUAL || op == Types.LEFT_SHIFT)
                        && !(numeric(getType(binary.getLeftExpression()))
                                && numeric(getType(binary.getRightExpression())))) {
                    addStaticTypeError("'" + binary.getOperation().getText() + "' is only allowed on numbers",
                            Positions.of(binary));
                }
                if (op == Types.LEFT_SQUARE_BRACKET) {
                    subscript(binary);
                }
                if (Types.isAssignment(op) && binary.getLeftExpression() instanceof BinaryExpression target
                        && target.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                    // x[i] = v stores; what it reads in x and i is checked, the store itself stays a putAt
                    target.getLeftExpression().visit(this);
                    target.getRightExpression().visit(this);
                    binary.getRightExpression().visit(this);
                    return;
                }
                super.visitBinaryExpression(binary);
            }
        });
    }

    private void subscript(BinaryExpression binary) {
        ClassNode container = getType(binary.getLeftExpression());
        ClassNode index = getType(binary.getRightExpression());
        if (Subscripts.readsData(container, index)) {
            return;
        }
        MethodNode lookup = Subscripts.byName(container, index);
        String type = container.getNameWithoutPackage().replace('$', '.');
        if (lookup == null && ClassHelper.isStringType(index)) {
            addStaticTypeError("only maps can be read by name, not " + type, Positions.of(binary));
        } else if (lookup == null) {
            addStaticTypeError("'[]' on " + type + " is not allowed in rules", Positions.of(binary));
        } else {
            binary.putNodeMetaData(StaticCompilationMetadataKeys.BINARY_EXP_TARGET, new Object[] {lookup, "getAt"});
        }
    }

    static boolean numeric(ClassNode type) {
        ClassNode wrapped = ClassHelper.getWrapper(type);
        return ClassHelper.isNumberType(wrapped) || wrapped.isDerivedFrom(ClassHelper.Number_TYPE)
                || ClassHelper.isBigDecimalType(wrapped) || ClassHelper.isBigIntegerType(wrapped);
    }

    @Override
    public boolean handleUnresolvedVariableExpression(VariableExpression variable) {
        addStaticTypeError("unknown name '" + variable.getName() + "'", variable);
        return true;
    }

    /**
     * Groovy reports a call it cannot resolve where the expression starts; this reports it at the method's name,
     * and answers a placeholder method so that Groovy adds no error of its own. Calls Groovy makes up while it
     * infers types have no position and are left to it.
     */
    @Override
    public List<MethodNode> handleMissingMethod(ClassNode receiver, String name, ArgumentListExpression arguments,
            ClassNode[] argumentTypes, MethodCall call) {
        ASTNode at = Positions.of((ASTNode) call);
        if (at.getLineNumber() < 1) {
            return List.of();
        }
        String types = Arrays.stream(argumentTypes).map(t -> t == null ? "null" : t.getNameWithoutPackage())
                .collect(Collectors.joining(", "));
        boolean onReceiver = call instanceof MethodCallExpression method && !method.isImplicitThis();
        addStaticTypeError("no method " + name + "(" + types + ")"
                + (onReceiver ? " on " + receiver.getNameWithoutPackage().replace('$', '.') : ""), at);
        MethodNode unresolved = new MethodNode(name, Modifier.PUBLIC, ClassHelper.OBJECT_TYPE,
                Arrays.stream(argumentTypes).map(t -> new Parameter(t == null ? ClassHelper.OBJECT_TYPE : t, "arg"))
                        .toArray(Parameter[]::new), ClassNode.EMPTY_ARRAY, null);
        unresolved.setDeclaringClass(UNRESOLVED);
        return List.of(unresolved);
    }

    @Override
    public boolean handleUnresolvedProperty(PropertyExpression property) {
        addStaticTypeError("unknown property '" + property.getPropertyAsString() + "'", Positions.of(property));
        return true;
    }

    /** Whether a statically bound method may be called from a rule. */
    static boolean allowed(MethodNode target) {
        String owner = owner(target).getDeclaringClass().getName();
        // a spread call (list*.contains(x)) is checked once more with the stand-in it was already bound to
        if (DSL.contains(owner) || StandIns.isStandIn(owner)) {
            return true;
        }
        Set<String> names = ALLOWED.get(owner);
        return names != null && names.contains(target.getName());
    }

    /** Groovy's extension methods (DefaultGroovyMethods) are judged by the class that really declares them. */
    private static MethodNode owner(MethodNode target) {
        return target instanceof ExtensionMethodNode extension ? extension.getExtensionMethodNode() : target;
    }
}
