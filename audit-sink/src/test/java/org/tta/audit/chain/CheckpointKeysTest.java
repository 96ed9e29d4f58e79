package org.tta.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheckpointKeysTest {

    private static final byte[] MESSAGE = "checkpoint".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signsWithTheConfiguredKeyAndVerifiesWithItsPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointKeys keys = new CheckpointKeys(properties("prod-2026", pair, Map.of()));

        byte[] signature = keys.sign(MESSAGE);

        assertThat(keys.keyId()).isEqualTo("prod-2026");
        assertThat(keys.verify("prod-2026", MESSAGE, signature)).contains(true);
        assertThat(keys.verify("prod-2026", "other".getBytes(StandardCharsets.US_ASCII), signature)).contains(false);
        assertThat(keys.publicKeyBytes()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verifiesCheckpointsOfARetiredKeyListedAsTrusted() throws Exception {
        KeyPair old = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] oldSignature = new CheckpointKeys(properties("key-1", old, Map.of())).sign(MESSAGE);
        KeyPair current = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        CheckpointKeys keys = new CheckpointKeys(properties("key-2", current,
                Map.of("key-1", Base64.getEncoder().encodeToString(old.getPublic().getEncoded()))));

        assertThat(keys.verify("key-1", MESSAGE, oldSignature)).contains(true);
        assertThat(keys.verify("key-0", MESSAGE, oldSignature)).isEmpty();
    }

    @Test
    void generatesAMarkedDevelopmentKeyWhenNoneIsConfigured() {
        CheckpointKeys keys = new CheckpointKeys(new CheckpointProperties(Duration.ofMinutes(5), 1000, "", "", "", Map.of()));

        assertThat(keys.keyId()).startsWith("dev-generated-");
        assertThat(keys.verify(keys.keyId(), MESSAGE, keys.sign(MESSAGE))).contains(true);
    }

    @Test
    void refusesToStartWithAKeyThatIsNotEd25519Pkcs8() {
        assertThatThrownBy(() -> new CheckpointKeys(new CheckpointProperties(Duration.ofMinutes(5), 1000, "k",
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), Base64.getEncoder().encodeToString(new byte[] {4}),
                Map.of()))).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("AQID");
    }

    private static CheckpointProperties properties(String id, KeyPair pair, Map<String, String> trusted) {
        return new CheckpointProperties(Duration.ofMinutes(5), 1000, id,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), trusted);
    }
}
