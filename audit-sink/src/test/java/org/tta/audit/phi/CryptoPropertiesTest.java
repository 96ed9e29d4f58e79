package org.tta.audit.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CryptoPropertiesTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void refusesAnActiveKekThatIsNotConfigured() {
        assertThatThrownBy(() -> new CryptoProperties(Map.of("a", KEY), "b", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active-kek-id");
    }

    @Test
    void refusesAKekThatIsNotAnAes256Key() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new CryptoProperties(Map.of("a", short16), "a", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> new CryptoProperties(Map.of("a", "not base64!"), "a", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
    }

    @Test
    void neverPrintsAKey() {
        assertThat(new CryptoProperties(Map.of("a", KEY), "a", Duration.ofHours(1)).toString()).doesNotContain(KEY).contains("a");
    }
}
