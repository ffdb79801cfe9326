package org.countersign.rules.internal;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.transform.CompileStatic;
import groovy.transform.ThreadInterrupt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Compiles a rules script through the sandbox layers of docs/domain.md#approval-rules: limits before parsing (1), the
 * shape check at the earliest phase (2) and the move of its regular expressions onto RE2/J, static compilation with
 * every call bound to the allowlist (3), a class loader of its own that sees only the DSL, Groovy's runtime and
 * harmless JDK classes (4), and interrupt checks injected into every closure so a deadline can stop it (5).
 */
final class ScriptCompiler {

    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_LINES = 2_000;
    static final int MAX_DEPTH = 32;

    private final ClassLoader dslLoader = new SandboxClassLoader(ScriptCompiler.class.getClassLoader());

    /** Compiles {@code source}; a refused or broken script raises {@link SandboxException} with its position. */
    Class<? extends RulesScript> compile(String source) {
        checkLimits(source);
        CompilerConfiguration config = configuration();
        try (GroovyClassLoader loader = new GroovyClassLoader(dslLoader, config)) {
            Class<?> compiled = loader.parseClass(new GroovyCodeSource(source, "Rules_" + digest(source),
                    "/countersign/rules"), false);
            return compiled.asSubclass(RulesScript.class);
        } catch (MultipleCompilationErrorsException e) {
            throw firstProblem(source, e);
        } catch (java.io.IOException e) {
            throw new SandboxException("cannot compile: " + e.getMessage(), 0, 0);
        }
    }

    /** The compiler's settings: the script base class and the sandbox's compile-time layers, in order. */
    static CompilerConfiguration configuration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RulesScript.class.getName());
        config.addCompilationCustomizers(new ShapeCheck(), new RegexRewrite(),
                new ASTTransformationCustomizer(ThreadInterrupt.class),
                new ASTTransformationCustomizer(Map.of("extensions", List.of(AllowlistExtension.class.getName())),
                        CompileStatic.class));
        return config;
    }

    static void checkLimits(String source) {
        if (source == null || source.isBlank()) {
            throw new SandboxException("the script is empty", 1, 1);
        }
        // each limit is reported where the script crosses it
        int depth = 0;
        int line = 1;
        int column = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            column++;
            if (i == MAX_CHARS) {
                throw new SandboxException("the script is longer than " + MAX_CHARS + " characters", line, column);
            }
            if (c == '\n') {
                line++;
                column = 0;
                if (line > MAX_LINES && i + 1 < source.length()) {
                    throw new SandboxException("the script has more than " + MAX_LINES + " lines", line, 1);
                }
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new SandboxException("nesting deeper than " + MAX_DEPTH + " levels", line, column);
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static SandboxException firstProblem(String source, MultipleCompilationErrorsException e) {
        SyntaxException parse = SyntaxErrorLocator.parseError(source);
        if (parse != null) {
            SyntaxException located = SyntaxErrorLocator.locate(source, parse);
            return new SandboxException(clean(located.getOriginalMessage()), located.getStartLine(),
                    located.getStartColumn());
        }
        for (Message message : e.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                return new SandboxException(clean(cause.getOriginalMessage()), cause.getStartLine(),
                        cause.getStartColumn());
            }
            if (message instanceof ExceptionMessage exception && exception.getCause() instanceof SandboxException refused) {
                return refused;
            }
        }
        return new SandboxException(clean(e.getMessage()), 0, 0);
    }

    /** Compiler messages mention the generated class name; rule authors only know their lines. */
    private static String clean(String message) {
        return message == null ? "cannot compile" : message.replaceAll("Rules_[0-9a-f]+(\\.groovy)?:? ?", "").strip();
    }

    static String digest(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
