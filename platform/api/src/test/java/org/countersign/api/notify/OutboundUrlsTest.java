package org.countersign.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OutboundUrlsTest {

    @Test
    void metadataAndLinkLocalAreAlwaysRefusedWithoutALookup() {
        for (String url : new String[] {"http://169.254.169.254/latest", "http://metadata.google.internal/x",
                "http://METADATA.GOOGLE.INTERNAL./x", "http://[fe80::1]/x", "http://[fd00:ec2::254]/x",
                "http://100.100.100.200/x"}) {
            assertThat(OutboundUrls.alwaysRefused(URI.create(url))).as(url).isNotNull();
        }
        for (String url : new String[] {"https://hooks.slack.com/services/T/B/X", "http://127.0.0.1:8080/hook",
                "http://10.0.0.5/hook", "http://[::1]/hook"}) {
            assertThat(OutboundUrls.alwaysRefused(URI.create(url))).as(url).isNull();
        }
    }

    @Test
    void privateNetworksAreRefusedOnlyWhenTheOperatorSaysSo() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
                "::1", "fc00::1", "0.0.0.0"}) {
            InetAddress inet = InetAddress.getByName(address);
            assertThat(OutboundUrls.refusal(inet, false)).as(address).isNull();
            assertThat(OutboundUrls.refusal(inet, true)).as(address).contains("webhook.deny.private");
        }
        assertThat(OutboundUrls.refusal(InetAddress.getByName("93.184.215.14"), true)).isNull();
    }

    @Test
    void checkRefusesOtherSchemesAndResolvedPrivateAddressesPermanently() {
        DeliveryException scheme = catchThrowableOfType(DeliveryException.class,
                () -> OutboundUrls.check("ftp://example.com/x", false));
        assertThat(scheme.permanent()).isTrue();
        DeliveryException loopback = catchThrowableOfType(DeliveryException.class,
                () -> OutboundUrls.check("http://localhost:9/x", true));
        assertThat(loopback.permanent()).isTrue();
        assertThat(loopback.getMessage()).contains("localhost resolves to a private address");
    }
}
