package org.countersign.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.FieldExpression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.LambdaExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.MethodReferenceExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.SpreadMapExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.ast.stmt.ThrowStatement;
import org.codehaus.groovy.ast.stmt.TryCatchStatement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Sandbox layer 2 (docs/domain.md#approval-rules): at the earliest phase with a tree, refuses everything but the DSL's
 * shape, expressions and closures: no imports, annotations, declarations, initializers, constructors, class
 * literals, casts, loops, ranges, method pointers, exceptions or reflective names.
 */
final class ShapeCheck extends CompilationCustomizer {

    /** Names that reach the meta-object protocol, other scripts or the class system. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("class", "metaClass", "getMetaClass", "setMetaClass",
            "invokeMethod", "getProperty", "setProperty", "properties", "delegate", "owner", "thisObject", "binding",
            "getBinding", "setBinding", "evaluate", "run", "Eval", "GroovyShell", "GroovyClassLoader", "execute",
            "getClass", "forName", "newInstance", "rehydrate", "dehydrate", "curry", "memoize", "with", "tap",
            "identity", "println", "print", "printf", "sleep", "wait", "notify", "notifyAll", "finalize", "clone",
            "this", "super", "System", "Runtime", "Thread", "Class", "ClassLoader");

    ShapeCheck() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        List<ASTNode> imports = new ArrayList<>(module.getImports());
        imports.addAll(module.getStarImports());
        imports.addAll(module.getStaticImports().values());
        imports.addAll(module.getStaticStarImports().values());
        if (module.getPackage() != null) {
            imports.add(module.getPackage());
        }
        if (!imports.isEmpty()) {
            throw refusal(imports.get(0), "imports and packages are not allowed");
        }
        if (!classNode.isScript()) {
            throw refusal(classNode, "class declarations are not allowed");
        }
        if (!classNode.getFields().isEmpty() || !classNode.getProperties().isEmpty()
                || !classNode.getObjectInitializerStatements().isEmpty() || classNode.getInnerClasses().hasNext()) {
            throw refusal(classNode, "fields, initializers and inner classes are not allowed");
        }
        for (MethodNode method : classNode.getMethods()) {
            if (!method.getName().equals("run") && !method.getName().equals("main")) {
                throw refusal(method, "method declarations are not allowed");
            }
        }
        Visitor visitor = new Visitor(source);
        visitor.visitAnnotations(classNode);
        // only the script body is the author's; constructors and main are the compiler's
        visitor.visitMethod(classNode.getMethod("run", Parameter.EMPTY_ARRAY));
    }

    /** A refusal at the node's position, or at the start of the script when it has none. */
    static SandboxException refusal(ASTNode node, String message) {
        int line = node.getLineNumber() > 0 ? node.getLineNumber() : 1;
        int column = node.getColumnNumber() > 0 ? node.getColumnNumber() : 1;
        return new SandboxException(message, line, column);
    }

    private static final class Visitor extends ClassCodeVisitorSupport {

        private final SourceUnit source;

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            // the compiler's own (CompileStatic, ThreadInterrupt) have no position; anything written is refused
            node.getAnnotations().stream().filter(a -> a.getLineNumber() > 0).findFirst().ifPresent(a -> {
                throw refusal(a, "annotations are not allowed");
            });
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            name(Positions.of(call), call.getMethodAsString());
            if (call.isImplicitThis()) {
                // `rule 'x', {...}`: the implicit receiver is the script itself, which is fine
                call.getMethod().visit(this);
                call.getArguments().visit(this);
            } else {
                super.visitMethodCallExpression(call);
            }
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            throw refusal(call, "static calls are not allowed");
        }

        @Override
        public void visitPropertyExpression(PropertyExpression property) {
            name(Positions.of(property), property.getPropertyAsString());
            super.visitPropertyExpression(property);
        }

        @Override
        public void visitVariableExpression(VariableExpression variable) {
            name(variable, variable.getName());
        }

        @Override
        public void visitAttributeExpression(AttributeExpression e) {
            throw refusal(e, "attribute access (.@) is not allowed");
        }

        @Override
        public void visitFieldExpression(FieldExpression e) {
            throw refusal(e, "field access is not allowed");
        }

        @Override
        public void visitConstructorCallExpression(ConstructorCallExpression e) {
            throw refusal(e, "creating objects with new is not allowed");
        }

        @Override
        public void visitClassExpression(ClassExpression e) {
            throw refusal(e, "class references are not allowed: " + e.getType().getName());
        }

        @Override
        public void visitCastExpression(CastExpression e) {
            throw refusal(e, "casts are not allowed");
        }

        @Override
        public void visitRangeExpression(RangeExpression e) {
            throw refusal(e, "ranges are not allowed");
        }

        @Override
        public void visitSpreadExpression(SpreadExpression e) {
            throw refusal(e, "the spread operator is not allowed");
        }

        @Override
        public void visitSpreadMapExpression(SpreadMapExpression e) {
            throw refusal(e, "the spread operator is not allowed");
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression e) {
            throw refusal(e, "method pointers are not allowed");
        }

        @Override
        public void visitMethodReferenceExpression(MethodReferenceExpression e) {
            throw refusal(e, "method references are not allowed");
        }

        @Override
        public void visitLambdaExpression(LambdaExpression e) {
            throw refusal(e, "lambdas are not allowed; use closures");
        }

        @Override
        public void visitGStringExpression(GStringExpression e) {
            // "${a}${a}" repeated is a memory bomb one line at a time; rules compare values, they need no templates
            throw refusal(e, "string interpolation is not allowed");
        }

        @Override
        public void visitForLoop(ForStatement loop) {
            throw refusal(loop, "loops are not allowed; use any, every, find, findAll, collect or count");
        }

        @Override
        public void visitWhileLoop(WhileStatement loop) {
            throw refusal(loop, "loops are not allowed");
        }

        @Override
        public void visitDoWhileLoop(DoWhileStatement loop) {
            throw refusal(loop, "loops are not allowed");
        }

        @Override
        public void visitTryCatchFinally(TryCatchStatement statement) {
            throw refusal(statement, "try/catch is not allowed");
        }

        @Override
        public void visitThrowStatement(ThrowStatement statement) {
            throw refusal(statement, "throw is not allowed");
        }

        @Override
        public void visitSynchronizedStatement(SynchronizedStatement statement) {
            throw refusal(statement, "synchronized is not allowed");
        }

        private static void name(ASTNode node, String name) {
            if (name != null && FORBIDDEN_NAMES.contains(name)) {
                throw refusal(node, "'" + name + "' is not allowed");
            }
        }
    }
}
