package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.countersign.api.rules.RuleProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of problem comes back at the line and column where the author wrote it: syntax errors (which
 * Groovy's parser reports at the {@code rule 'x',} before a broken closure, often lines early), the shape
 * check's refusals, type-checking errors (which Groovy reports where an expression starts, so a call at the
 * start of a line of a chain came back a line early) and the limits.
 */
class ProblemPositionsTest {

    private static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    /** Scripts are written with | for a line break; each expects the problem at line:column, with this message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        // syntax errors
        "error in a when after a blank line;  |rule 'x', {|  when { change.kind == }|};  3:25; Unexpected input: '}'",
        "error after two comment lines;  // one|/* two */|rule 'x', {|  when { change.kind == }|};  4:25; Unexpected input: '}'",
        "error in a one-line rule;  rule 'x', { when { change.kind == } };  1:35; Unexpected input: '}'",
        "error in the second rule;  rule 'x', {|  when { true }|}|rule 'y', {|  when { a == }|};  5:15; Unexpected input: '}'",
        "error in a nested closure;  rule 'x', {|  when { resource.owners.any { o ->|    o == } }|};  3:10; Unexpected input: '}'",
        "a stray parenthesis;  rule 'x', {|  when { true }|  block ) |};  3:9; Unexpected input: ')'",
        "a missing parenthesis;  rule 'x', {|  when { true }|  approvals(2|};  4:1; Unexpected input: '}'",
        "a trailing comma;  rule 'x', {|  approvals 2,|};  3:1; Unexpected input: '}'",
        "a stray brace;  rule 'x', { requireApproval() }||};  3:1; Unexpected input: '}'",
        "an unterminated string;  rule 'x', {|  when { true }|  block 'abc|};  3:9; Unexpected character: '\\''",
        "a missing closing brace;  rule 'x', {|  when { change.kind == 'a' |};  3:2; Unexpected end of the script",
        // the shape check
        "an import after a blank line;  |import java.io.File|rule 'x', { };  2:1; imports and packages are not allowed",
        "System, indented;  // c||    System.exit(1);  3:5; 'System' is not allowed",
        "a class after a rule;  rule 'x', { }||class Evil { };  3:1; class declarations are not allowed",
        "new in a closure;  rule 'x', {|  when {|    new Object() } |};  3:5; creating objects with new is not allowed",
        "a loop;  |while (true) { };  2:1; loops are not allowed",
        "a forbidden method name;  rule 'x', {|  when { resource.getClass() }|};  2:19; 'getClass' is not allowed",
        "a forbidden property on the next line;  rule 'x', {|  when { resource|    .metaClass }|};  3:6; 'metaClass' is not allowed",
        "string interpolation;  ||rule 'x', { when { \"${change.kind}\" } };  3:20; string interpolation is not allowed",
        // type checking
        "an unknown name;  ||rule 'x', { when { chnage.kind == 'publish' } };  3:20; unknown name 'chnage'",
        "an unknown property;  // c|// d|rule 'x', { when { change.kinds == 'publish' } };  3:27; unknown property 'kinds'",
        "an unknown property on the next line;  rule 'x', {|  when { resource|         .nmae == 'x' }|};  3:11; unknown property 'nmae'",
        "a method that is not allowed;  ||rule 'x', { when { resource.name.replace('a', 'b') } };  3:34; 'replace' of java.lang.String is not allowed in rules",
        "a method that is not allowed on the next line;  rule 'x', {|  when { resource.name|    .replace('a', 'b') }|};  3:6; 'replace' of java.lang.String is not allowed in rules",
        "an unknown method in a closure;  rule 'x', {|  when { resource.owners.any { o ->|    o.fooBar() } }|};  3:7; no method fooBar() on String",
        "an unknown outcome;  rule 'x', {|  when { true }|  requireApprovl()|};  3:3; no method requireApprovl()",
        "an unknown group;  rule 'x', {|  approvals 2, from: rol('admin')|};  2:22; no method rol(String)",
        "a wrong argument;  rule 'x', {|  block 42|};  2:3; no method block(int)",
        "plus on strings;  rule 'x', {|  when {|    resource.name +|      'a' == 'b' }|};  3:19; 'plus' of org.codehaus.groovy.runtime.StringGroovyMethods is not allowed in rules",
        "a lookup by name in a record;  rule 'x', {|  when { resource['class'] }|};  2:18; only maps can be read by name, not Facts.Resource",
        // limits
        "nesting too deep;  rule 'x', {|((((((((((((((((((((((((((((((((((((((((|};  2:32; nesting deeper than 32 levels",
    })
    void isReportedWhereItIsWritten(String what, String script, String position, String message) {
        String source = script.replace('|', '\n');
        RuleProblem problem = ENGINE.check(source).get(0);
        assertThat(problem.line() + ":" + problem.column()).as(what).isEqualTo(position.strip());
        assertThat(problem.message()).as(what).endsWith(message.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "more than 2,000 lines;  2001;  2001:1; the script has more than 2000 lines",
        "more than 64 KiB;  3;  3:65535; the script is longer than 65536 characters",
    })
    void limitsAreReportedWhereTheScriptCrossesThem(String what, int lines, String position, String message) {
        String source = lines > 3 ? "rule 'x', { }\n".repeat(lines) : "\n\n// " + "a".repeat(70_000);
        RuleProblem problem = ENGINE.check(source).get(0);
        assertThat(problem.line() + ":" + problem.column()).as(what).isEqualTo(position.strip());
        assertThat(problem.message()).as(what).isEqualTo(message.strip());
        assertThat(ENGINE.check("rule 'x', { }\n".repeat(ScriptCompiler.MAX_LINES))).as("exactly the limit").isEmpty();
    }
}
