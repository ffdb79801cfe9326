package org.countersign.rules.internal;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.syntax.Token;

/**
 * Where a problem with an expression is, as the author wrote it. An expression's own position is where it
 * starts: for {@code resource.name.replace(...)} that is {@code resource}, and when the call is on the next line
 * of a chain, the line before. Problems with a call or a property are about its name, problems with an
 * operator about the operator.
 */
final class Positions {

    private Positions() {
    }

    /** The node whose position to report for a problem with {@code node}. */
    static ASTNode of(ASTNode node) {
        if (node instanceof MethodCallExpression call && positioned(call.getMethod())) {
            return call.getMethod();
        }
        if (node instanceof PropertyExpression property && positioned(property.getProperty())) {
            return property.getProperty();
        }
        if (node instanceof BinaryExpression binary && binary.getOperation().getStartLine() > 0) {
            return at(binary.getOperation());
        }
        return node;
    }

    private static ASTNode at(Token operator) {
        ConstantExpression marker = new ConstantExpression(operator.getText());
        marker.setLineNumber(operator.getStartLine());
        marker.setColumnNumber(operator.getStartColumn());
        marker.setLastLineNumber(operator.getStartLine());
        marker.setLastColumnNumber(operator.getStartColumn() + operator.getText().length());
        return marker;
    }

    private static boolean positioned(ASTNode node) {
        return node.getLineNumber() > 0 && node.getColumnNumber() > 0;
    }
}
