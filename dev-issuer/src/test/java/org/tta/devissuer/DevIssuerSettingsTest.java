package org.tta.devissuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DevIssuerSettingsTest {

    @Test
    void presetsMatchTheirRuns() {
        assertThat(DevIssuerSettings.forTests()).isEqualTo(new DevIssuerSettings(
                "127.0.0.1", 0, "tta-platform", false, Duration.ofMinutes(15), "roles"));
        assertThat(DevIssuerSettings.standalone()).isEqualTo(new DevIssuerSettings(
                "localhost", 9000, "tta-platform", true, Duration.ofMinutes(60), "roles"));
    }

    record BadSettings(String name, Supplier<DevIssuerSettings> settings) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadSettings> badSettings() {
        Duration ttl = Duration.ofMinutes(1);
        return Stream.of(
                new BadSettings("blank host", () -> new DevIssuerSettings(" ", 0, "a", false, ttl, "roles")),
                new BadSettings("negative port", () -> new DevIssuerSettings("localhost", -1, "a", false, ttl, "r")),
                new BadSettings("port too big", () -> new DevIssuerSettings("localhost", 70_000, "a", false, ttl, "r")),
                new BadSettings("no audience", () -> new DevIssuerSettings("localhost", 0, null, false, ttl, "r")),
                new BadSettings("zero ttl", () -> new DevIssuerSettings("localhost", 0, "a", false, Duration.ZERO, "r")),
                new BadSettings("no roles claim", () -> new DevIssuerSettings("localhost", 0, "a", false, ttl, "")));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void rejectsBadSettings(BadSettings bad) {
        assertThatThrownBy(() -> bad.settings().get()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToListenBeyondLoopback() {
        DevIssuerSettings exposed = new DevIssuerSettings("192.0.2.1", 0, "a", true, Duration.ofMinutes(1), "roles");

        assertThatThrownBy(() -> DevIssuer.start(exposed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
    }

    @Test
    void standaloneIssuerIsNamedLocalhost() {
        try (DevIssuer issuer = DevIssuer.start(DevIssuerSettings.standalone().withPort(0))) {
            assertThat(issuer.issuerUri().toString()).matches("http://localhost:\\d+");
            assertThat(issuer.jwksUri()).isEqualTo(issuer.issuerUri().resolve("/jwks"));
        }
    }
}
