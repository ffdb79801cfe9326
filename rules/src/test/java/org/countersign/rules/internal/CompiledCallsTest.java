package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovyClassLoader;
import groovyjarjarasm.asm.ClassReader;
import groovyjarjarasm.asm.ClassVisitor;
import groovyjarjarasm.asm.MethodVisitor;
import groovyjarjarasm.asm.Opcodes;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.tools.GroovyClass;
import org.countersign.api.rules.RuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What compiled rules really call: every operator and method that could run long, or read any property of any
 * object, is bound to its stand-in in the bytecode, whichever way the script writes it.
 */
class CompiledCallsTest {

    /** Every form of the calls that have stand-ins, on the facts' own types. */
    private static final String EVERY_FORM = """
            rule 'every form', {
                when {
                    resource.name ==~ /a+/ || resource.name =~ /b/ || resource.name in ~/c/
                        || resource.name.matches('d') || resource.name.split(',').length > 1
                        || resource.name.split(',', 2).length > 1 || resource.name.find(/e/) != null
                        || resource.name.contains('f') || resource.name.indexOf('g') > 0
                        || resource.name.indexOf('h', 1) > 0 || resource.name.isNumber()
                        || change.items.containsAll(resource.owners) || change.items.intersect(resource.owners)
                        || resource.labels.keySet().intersect(change.items) || change.items.minus(resource.owners)
                        || (change.items - resource.owners) || (resource.labels.keySet() - change.items)
                        || (resource.labels.values() - change.items) || change.items.minus('x')
                        || change.items.grep(resource.owners) || resource.labels.keySet().grep('y')
                        || resource.config.list.grep(~/z/) || change.items.join(',') || change.items.join()
                        || change.items*.contains('i') || resource.config.nested['key']
                        || resource.config.values().collect { it }['key']
                }
                requireApproval()
            }
            """;

    /** Calls that must not appear in compiled rules. */
    private static final Set<String> UNBOUNDED = Set.of("java/lang/String.matches", "java/lang/String.split",
            "java/lang/String.contains", "java/lang/String.indexOf", "java/util/List.containsAll",
            "java/util/Collection.containsAll", "org/codehaus/groovy/runtime/DefaultGroovyMethods.intersect",
            "org/codehaus/groovy/runtime/DefaultGroovyMethods.minus", "org/codehaus/groovy/runtime/DefaultGroovyMethods.grep",
            "org/codehaus/groovy/runtime/DefaultGroovyMethods.join", "org/codehaus/groovy/runtime/DefaultGroovyMethods.getAt(Ljava/lang/Object;Ljava/lang/String;)",
            "org/codehaus/groovy/runtime/DefaultGroovyMethods.getAt(Ljava/util/Collection;Ljava/lang/String;)",
            "org/codehaus/groovy/runtime/StringGroovyMethods.find", "org/codehaus/groovy/runtime/StringGroovyMethods.contains",
            "org/codehaus/groovy/runtime/StringGroovyMethods.isNumber", "org/codehaus/groovy/runtime/ScriptBytecodeAdapter.matchRegex",
            "org/codehaus/groovy/runtime/ScriptBytecodeAdapter.findRegex", "org/codehaus/groovy/runtime/ScriptBytecodeAdapter.bitwiseNegate",
            "org/codehaus/groovy/runtime/InvokerHelper.getProperty");

    private static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void everyFormIsBoundToItsStandIn() throws IOException {
        Set<String> calls = calls(EVERY_FORM);
        assertThat(calls).noneMatch(call -> UNBOUNDED.stream().anyMatch(call::startsWith));
        assertThat(calls).noneMatch(call -> call.startsWith("java/util/regex/"));
        assertThat(calls).anyMatch(call -> call.startsWith("org/countersign/rules/internal/BoundedCalls.minus"))
                .anyMatch(call -> call.startsWith("org/countersign/rules/internal/MapLookups.getAt"))
                .anyMatch(call -> call.startsWith("org/countersign/rules/internal/Regex.matches"));
    }

    @Test
    void theFormsStillAnswer() {
        RuleContext context = new RuleContext(Map.of("kind", "publish", "items", List.of("a", "b")),
                Map.of("type", "model", "name", "xyz", "owners", List.of("a"), "labels", Map.of("k", "v"),
                        "config", Map.of("list", List.of("q"), "nested", Map.of("key", "v"))),
                Map.of(), List.of(), GroovyRuleEngineTest.MONDAY, Map.of());
        assertThat(ENGINE.check(EVERY_FORM)).isEmpty();
        assertThat(ENGINE.evaluate(EVERY_FORM, context).matchedRules()).containsExactly("every form");
    }

    @Test
    void lookupsByNameReadOnlyMaps() {
        for (String refused : List.of("resource['class']", "resource['metaClass']", "change.items['class']",
                "resource.labels.values()['bytes']", "resource.name['x']", "now['class']")) {
            assertThat(ENGINE.check("rule 'r', {\n    when { " + refused + " }\n}")).as(refused).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("only maps can be read by name"));
        }
        RuleContext context = new RuleContext(Map.of("kind", "publish"), Map.of("type", "model", "config",
                Map.of("text", "abc", "list", List.of(Map.of("k", "v"), "s"))), Map.of(), List.of(),
                GroovyRuleEngineTest.MONDAY, Map.of());
        for (String condition : List.of("resource.config.text['class']", "resource.config.list['k']")) {
            assertThat(ENGINE.evaluate("rule 'r', {\n    when { " + condition + " }\n}", context).blocks()).as(condition)
                    .singleElement().satisfies(b -> assertThat(b).contains("rules read only map entries by name"));
        }
    }

    /** Owner, name and descriptor of every method instruction in the classes compiled from {@code script}. */
    private static Set<String> calls(String script) throws IOException {
        CompilerConfiguration config = ScriptCompiler.configuration();
        Set<String> calls = new LinkedHashSet<>();
        try (GroovyClassLoader loader = new GroovyClassLoader(
                new SandboxClassLoader(CompiledCallsTest.class.getClassLoader()), config)) {
            CompilationUnit unit = new CompilationUnit(config, null, loader);
            unit.addSource("EveryForm.groovy", script);
            // up to the bytecode, without writing class files
            unit.compile(Phases.CLASS_GENERATION);
            for (GroovyClass compiled : unit.getClasses()) {
                new ClassReader(compiled.getBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                            String[] exceptions) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int opcode, String owner, String method, String type,
                                    boolean isInterface) {
                                calls.add(owner + "." + method + type);
                            }
                        };
                    }
                }, 0);
            }
        }
        return calls;
    }
}
