package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/x")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        for (String value : forwardedFor) {
            request.header("X-Forwarded-For", value);
        }
        return request.build();
    }

    @Test
    void ignoresForwardedForWithoutTrustedProxies() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void takesTheRightMostUntrustedHopBehindTrustedProxies() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.1"));
        // The client forged the first entry; the proxies appended the real client and themselves.
        assertThat(addresses.of(from("10.1.2.3", "6.6.6.6, 203.0.113.9", "192.0.2.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void stopsAtAGarbledHop() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("10.1.2.3", "203.0.113.9, not-an-ip, 10.9.9.9"))).isEqualTo("10.9.9.9");
    }

    @Test
    void handlesIpv6RangesAndBrackets() {
        ClientAddresses addresses = new ClientAddresses(List.of("fd00::/8"));
        assertThat(addresses.of(from("fd00::1", "[2001:db8::5]"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void rejectsHostNamesAndBadRangesInConfiguration() {
        assertThatThrownBy(() -> Cidr.parse("proxy.example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.literal("10.255.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains(Cidr.literal("10.128.0.1"))).isFalse();
    }
}
