package org.countersign.http.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Clients are throttled by IPv4 address or by IPv6 /64 network. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientAddress.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("127.0.0.2")).isNotEqualTo(ClientAddress.of("127.0.0.3"));
    }

    @Test
    void ipv6AddressesInOneSlash64ShareAKey() {
        String one = ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of("[2001:db8:1:2::1]")).isEqualTo(one);
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(one);
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertThat(ClientAddress.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void aMissingAddressStillHasAKey() {
        assertThat(ClientAddress.of(null)).isEqualTo("unknown");
        assertThat(ClientAddress.of("")).isEqualTo("unknown");
    }
}
