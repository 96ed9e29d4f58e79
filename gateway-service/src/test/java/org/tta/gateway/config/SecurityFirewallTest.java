package org.tta.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** The gateway's firewall still refuses what Spring Security's strict firewall refuses. */
class SecurityFirewallTest {

    private final ServerWebExchangeFirewall firewall = new SecurityConfig().serverWebExchangeFirewall();

    private ServerWebExchange firewalled(MockServerHttpRequest.BaseBuilder<?> request) {
        return firewall.getFirewalledExchange(MockServerWebExchange.from(request)).block();
    }

    @Test
    void refusesAHeaderValueWithAControlCharacterWhenItIsRead() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.post("/api/v1/sessions/s-1/messages")
                .header("X-Note", "a\u0001b"));

        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-Note"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void refusesAHeaderNameWithAControlCharacterWhenItIsRead() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.post("/api/v1/sessions/s-1/messages")
                .header("X-\u0007Note", "fine"));

        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-\u0007Note"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void passesAnOrdinaryBearerRequest() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.post("/api/v1/sessions/s-1/messages")
                .header("Authorization", "Bearer abc.def.ghi").header("X-Tab", "a\tb"));

        assertThat(exchange.getRequest().getHeaders().getFirst("Authorization")).isEqualTo("Bearer abc.def.ghi");
        assertThat(exchange.getRequest().getHeaders().getFirst("X-Tab")).isEqualTo("a\tb");
    }

    @Test
    void answersNullForAnAbsentHeader() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.get("/actuator/health/readiness"));

        assertThat(exchange.getRequest().getHeaders().getFirst("Authorization")).isNull();
    }

    @Test
    void stillRefusesAnEncodedSlashInThePath() {
        assertThatThrownBy(() -> firewalled(MockServerHttpRequest.post("/api/v1/sessions/a%2Fb/messages")))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }
}
