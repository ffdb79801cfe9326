package org.countersign.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryUrlsTest {

    @Test
    void theOriginLeavesOutCredentialsPathsAndQueries() {
        assertThat(DeliveryUrls.origin("https://bot:pa55@hooks.example.com:8443/services/T1/B2/XYZ?token=q"))
                .isEqualTo("https://hooks.example.com:8443");
        assertThat(DeliveryUrls.origin("https://hooks.slack.com/services/T1/B2/XYZ")).isEqualTo("https://hooks.slack.com");
        assertThat(DeliveryUrls.origin("not a url")).isNull();
    }

    @Test
    void errorsNamingTheUrlAreScrubbed() {
        String url = "https://bot:pa55@hooks.example.com/services/XYZ";
        String scrubbed = DeliveryUrls.scrub("connect to " + url + " failed; user bot:pa55 refused", url);

        assertThat(scrubbed).doesNotContain("pa55").doesNotContain("XYZ").contains("https://hooks.example.com");
    }
}
