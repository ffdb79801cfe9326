package org.countersign.core.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Users", "Données clients", "売上", "emoji \uD83D\uDE80 ok", "a-b_c.d"})
    void ordinaryNamesAreFine(String name) {
        assertThat(Text.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "bell\u0007", "new\nline", "tab\there", "del\u007F", "c1\u0085"})
    void controlCharactersAreRefused(String name) {
        assertThat(Text.problem(name)).isEqualTo("must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"txt.exe\u202Egpj", "\u2066isolated\u2069", "mark\u200F", "arabic\u061C"})
    void bidirectionalControlsAreRefused(String name) {
        assertThat(Text.problem(name)).isEqualTo("must not contain bidirectional control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lone \uD800", "\uDC00 first", "end\uD83D"})
    void loneSurrogatesAreRefused(String name) {
        assertThat(Text.problem(name)).isEqualTo("must not contain a lone surrogate");
    }
}
