package org.countersign.rules.internal;

import groovyjarjarantlr4.v4.runtime.CharStreams;
import groovyjarjarantlr4.v4.runtime.Token;
import java.util.Arrays;
import java.util.List;
import org.apache.groovy.parser.antlr4.GroovyLangLexer;
import org.apache.groovy.parser.antlr4.GroovyLexer;
import org.apache.groovy.parser.antlr4.GroovySyntaxError;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Finds where a syntax error really is. Groovy's parser reports an error inside a closure that is the last
 * argument of a command call, the DSL's {@code rule 'x', { ... }}, at the comma before the closure, often lines
 * before the error: it predicts the statement's shape across the whole closure, fails, and falls back to
 * {@code rule 'x'} alone. Parsed on its own, at its place in the source with everything else blanked out, the
 * closure's error is reported where it is. Only parses: no compiler phase or transformation runs.
 */
final class SyntaxErrorLocator {

    /** Closures inside closures: each refinement looks one level deeper. */
    private static final int MAX_REFINEMENTS = 32;

    private SyntaxErrorLocator() {
    }

    /**
     * The error the parser reports for {@code source} at {@code reported}, moved to where it really is. Its message
     * names the unexpected token alone; the parser's names everything from where its prediction started.
     */
    static SyntaxException locate(String source, SyntaxException reported) {
        SyntaxException located = refine(source, reported);
        if (located == reported || !located.getOriginalMessage().startsWith("Unexpected input: ")) {
            return located;
        }
        int at = offset(source, located.getStartLine(), located.getStartColumn());
        String message = source.substring(at).isBlank() ? "Unexpected end of the script"
                : tokenAt(source, at) == null ? null : "Unexpected input: '" + tokenAt(source, at) + "'";
        return message == null ? located
                : new SyntaxException(message, located.getStartLine(), located.getStartColumn());
    }

    private static SyntaxException refine(String source, SyntaxException reported) {
        SyntaxException best = reported;
        String text = source;
        for (int i = 0; i < MAX_REFINEMENTS; i++) {
            int[] closure = closureAfter(text, offset(text, best.getStartLine(), best.getStartColumn()));
            if (closure == null) {
                return best;
            }
            String alone = blankOutside(text, closure[0], closure[1]);
            SyntaxException inside = parseError(alone);
            if (inside == null || !after(inside, best)) {
                return best;
            }
            best = inside;
            text = alone;
        }
        return best;
    }

    /** The first parse error of {@code text}, or null when it parses. */
    static SyntaxException parseError(String text) {
        SourceUnit unit = SourceUnit.create("Rules", text);
        try {
            unit.parse();
            unit.buildAST();
        } catch (CompilationFailedException e) {
            // the error is in the collector as well
        }
        List<? extends Message> errors = unit.getErrorCollector().getErrors();
        if (errors != null) {
            for (Message message : errors) {
                if (message instanceof SyntaxErrorMessage syntax) {
                    return syntax.getCause();
                }
            }
        }
        return null;
    }

    /** Start and end (inclusive) of the first brace-delimited block that opens at or after {@code from}. */
    private static int[] closureAfter(String text, int from) {
        GroovyLangLexer lexer = new GroovyLangLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        int[] chars = charIndexes(text);
        int open = -1;
        int depth = 0;
        try {
            for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
                int at = chars[token.getStartIndex()];
                if (token.getType() == GroovyLexer.LBRACE) {
                    if (open < 0 && at >= from) {
                        open = at;
                    } else if (open >= 0) {
                        depth++;
                    }
                } else if (token.getType() == GroovyLexer.RBRACE && open >= 0) {
                    if (depth == 0) {
                        return new int[] {open, at};
                    }
                    depth--;
                }
            }
        } catch (RuntimeException | GroovySyntaxError e) {
            // a lexer error: the parser reports that one precisely already
            return null;
        }
        return open < 0 ? null : new int[] {open, text.length() - 1};
    }

    /** The text of the token that starts at {@code at}, or null. */
    private static String tokenAt(String text, int at) {
        GroovyLangLexer lexer = new GroovyLangLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        int[] chars = charIndexes(text);
        try {
            for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
                if (chars[token.getStartIndex()] == at && token.getChannel() == Token.DEFAULT_CHANNEL) {
                    return token.getText().strip().isEmpty() ? null : token.getText();
                }
            }
        } catch (RuntimeException | GroovySyntaxError e) {
            return null;
        }
        return null;
    }

    /** The text with every character outside [start, end] made a space, lines kept, so positions stay. */
    private static String blankOutside(String text, int start, int end) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if ((i < start || i > end) && chars[i] != '\n' && chars[i] != '\r') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    /** The lexer counts code points; this maps each to its index in the string. */
    private static int[] charIndexes(String text) {
        int[] indexes = new int[text.codePointCount(0, text.length()) + 1];
        int point = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            indexes[point++] = i;
        }
        indexes[point] = text.length();
        return Arrays.copyOf(indexes, point + 1);
    }

    /** The string index of a 1-based line and column (the parser's columns count code points). */
    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int current = 1; current < line; current++) {
            at = text.indexOf('\n', at) + 1;
            if (at == 0) {
                return text.length();
            }
        }
        int points = Math.min(Math.max(column - 1, 0), text.codePointCount(at, text.length()));
        return text.offsetByCodePoints(at, points);
    }

    private static boolean after(SyntaxException candidate, SyntaxException than) {
        return candidate.getStartLine() > than.getStartLine()
                || (candidate.getStartLine() == than.getStartLine() && candidate.getStartColumn() > than.getStartColumn());
    }
}
