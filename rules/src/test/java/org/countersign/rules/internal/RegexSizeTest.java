package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The size estimate is never below the program RE2/J compiles, and it stops at the limit without building anything. */
class RegexSizeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "abc", "a|b|c", "(a)", "(?:a)", "(?P<x>a)", "(?<x>a)", "(?i)abc", "(?i:a)b", "a*b+c?", "a*?b+?",
        "a{5}", "a{2,5}", "a{3,}", "a{0,3}", "(ab){3}", "(a{10}){10}", "((a{5}){5}){5}", "(a|bc){2,4}",
        "[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63})*", "\\d{4}-\\d{2}-\\d{2}", "[^]a]{3}", "[[:alpha:]_]+", "\\p{Greek}{2}",
        "\\x{263a}{3}", "\\Qa.b\\E{2}", "^\\s*(\\w+)\\s*=\\s*(.*?)\\s*$", "(.*a){20}", "(x+x+)+y", "\\bfoo\\b",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "a{,3}", "a{1000}", "(?s).{0,100}",
    })
    void neverBelowTheCompiledSize(String regex) {
        assertThat(RegexSize.estimate(regex, Long.MAX_VALUE)).as(regex)
                .isGreaterThanOrEqualTo(Pattern.compile(regex).programSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"((a{1000}){1000}){1000}", "(?:a{1000}){1000}", "(a{100}){101}", "(((((a{9}){9}){9}){9}){9})"})
    void blowUpsExceedTheLimitBeforeCompiling(String regex) {
        assertThat(RegexSize.estimate(regex, Regex.MAX_PROGRAM_SIZE)).as(regex).isGreaterThan(Regex.MAX_PROGRAM_SIZE);
    }
}
