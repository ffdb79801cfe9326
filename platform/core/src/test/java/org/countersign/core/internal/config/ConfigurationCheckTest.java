package org.countersign.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class ConfigurationCheckTest {

    private static final List<AttributeDefinition> DESCRIBED = List.of(
            new Described("http.port", AttributeDefinition.INTEGER),
            new Described("notify.backoff.max.ms", AttributeDefinition.LONG),
            new Described("smtp.starttls", AttributeDefinition.BOOLEAN),
            new Described("sqlite.synchronous", AttributeDefinition.STRING, "FULL", "NORMAL", "OFF"),
            new Described("http.host", AttributeDefinition.STRING),
            new Described("oidc.autoProvision", AttributeDefinition.BOOLEAN));

    @Test
    void valuesBecomeTheTypesTheBundlesDescribe() {
        ConfigurationCheck.Result result = ConfigurationCheck.check(Map.of("http.port", " 8080 ",
                "notify.backoff.max.ms", "7200000", "smtp.starttls", "TRUE", "sqlite.synchronous", "normal"), DESCRIBED);
        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsExactlyInAnyOrderEntriesOf(Map.of("http.port", 8080,
                "notify.backoff.max.ms", 7_200_000L, "smtp.starttls", true, "sqlite.synchronous", "NORMAL"));
    }

    @Test
    void everyMalformedValueIsNamedByItsKey() {
        ConfigurationCheck.Result result = ConfigurationCheck.check(Map.of("http.port", "eighty",
                "smtp.starttls", "yes", "sqlite.synchronous", "sometimes"), DESCRIBED);
        assertThat(result.problems()).containsExactly(
                "configuration key http.port must be an integer, not 'eighty'",
                "configuration key smtp.starttls must be true or false, not 'yes'",
                "configuration key sqlite.synchronous must be one of FULL, NORMAL, OFF, not 'sometimes'");
    }

    @Test
    void aKeyFromTheEnvironmentFindsItsCamelCaseSpelling() {
        ConfigurationCheck.Result result = ConfigurationCheck.check(Map.of("oidc.autoprovision", "true"), DESCRIBED);
        assertThat(result.values()).containsExactly(Map.entry("oidc.autoProvision", true));
        assertThat(result.unknown()).isEmpty();
    }

    @Test
    void blankMeansUnsetAndUnknownKeysAreKeptButReported() {
        ConfigurationCheck.Result result = ConfigurationCheck.check(Map.of("http.host", "  ", "http.prot", "8080"),
                DESCRIBED);
        assertThat(result.values()).containsExactly(Map.entry("http.prot", "8080"));
        assertThat(result.unknown()).containsExactly("http.prot");
        assertThat(result.problems()).isEmpty();
    }

    /** An attribute as a bundle's metatype describes it: key, type and (for a choice) its options. */
    private record Described(String id, int type, String... options) implements AttributeDefinition {

        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return id;
        }

        @Override
        public int getCardinality() {
            return 0;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options.length == 0 ? null : options;
        }

        @Override
        public String[] getOptionLabels() {
            return getOptionValues();
        }

        @Override
        public String validate(String value) {
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return null;
        }
    }
}
