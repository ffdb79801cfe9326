package org.countersign.rules.internal;

import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BitwiseNegationExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

/**
 * Puts every regular expression a script writes on RE2/J ({@link Regex}), before types are checked: the
 * operators {@code ==~}, {@code =~} and {@code ~} compile to Java's regex engine through Groovy's runtime, not
 * to a method call the allowlist could bind, so they become calls of {@link Regex} here. Pattern literals (of
 * these operators and of {@code matches}, {@code split} and {@code find}) are compiled now, so that a pattern
 * RE2 cannot run is refused when the script is saved, at its position. Runs after {@link ShapeCheck}, which
 * refuses static calls in what the author wrote.
 */
final class RegexRewrite extends CompilationCustomizer {

    private static final ClassNode REGEX = ClassHelper.make(Regex.class);
    /** String methods whose first argument is a regular expression (bound to {@link BoundedCalls}). */
    private static final Set<String> REGEX_METHODS = Set.of("matches", "split", "find");

    RegexRewrite() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        MethodNode run = classNode.getMethod("run", Parameter.EMPTY_ARRAY);
        if (run != null) {
            new Rewriter(source).visitMethod(run);
        }
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {

        private final SourceUnit source;

        Rewriter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression instanceof ClosureExpression closure) {
                // a closure's body is a statement the expression walk does not enter by itself
                closure.getCode().visit(this);
                return closure;
            }
            if (expression instanceof BinaryExpression binary) {
                int operator = binary.getOperation().getType();
                if (operator == Types.MATCH_REGEX || operator == Types.FIND_REGEX) {
                    checkLiteral(binary.getRightExpression());
                    return regexCall(operator == Types.MATCH_REGEX ? "matches" : "find", binary,
                            transform(binary.getLeftExpression()), transform(binary.getRightExpression()));
                }
            }
            if (expression instanceof BitwiseNegationExpression negation) {
                Expression operand = negation.getExpression();
                if (operand instanceof ConstantExpression constant && !(constant.getValue() instanceof String)) {
                    throw ShapeCheck.refusal(negation, "~ makes a regular expression of a string; rules have no bitwise operators");
                }
                checkLiteral(operand);
                return regexCall("pattern", negation, transform(operand));
            }
            if (expression instanceof MethodCallExpression call && !call.isImplicitThis()
                    && REGEX_METHODS.contains(call.getMethodAsString())
                    && call.getArguments() instanceof ArgumentListExpression arguments
                    && !arguments.getExpressions().isEmpty()) {
                checkLiteral(arguments.getExpression(0));
            }
            return super.transform(expression);
        }

        private static Expression regexCall(String method, Expression original, Expression... arguments) {
            StaticMethodCallExpression call = new StaticMethodCallExpression(REGEX, method,
                    new ArgumentListExpression(arguments));
            call.setSourcePosition(original);
            return call;
        }

        /** A pattern written as a string literal must compile now; other patterns are compiled when they run. */
        private static void checkLiteral(Expression pattern) {
            if (pattern instanceof ConstantExpression constant && constant.getValue() instanceof String regex) {
                String problem = Regex.problem(regex);
                if (problem != null) {
                    throw ShapeCheck.refusal(constant, problem);
                }
            }
        }
    }
}
