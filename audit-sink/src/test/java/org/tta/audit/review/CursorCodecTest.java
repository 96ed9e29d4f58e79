package org.tta.audit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CursorCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SCOPE = "audit.records|s=session-1";

    private final CursorCodec codec = new CursorCodec(KEY);
    private final Position position = new Position(Instant.parse("2026-11-22T03:04:05.123456Z"), 42);

    @Test
    void readsBackThePositionItWrote() {
        assertThat(codec.decode(codec.encode(position, SCOPE), SCOPE)).isEqualTo(position);
    }

    @Test
    void refusesACursorWithAnyByteChanged() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(position, SCOPE));
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> codec.decode(cursor, SCOPE)).as("byte %d", i)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void refusesACursorSignedWithAnotherKey() {
        String foreign = new CursorCodec("another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII))
                .encode(position, SCOPE);
        assertThatThrownBy(() -> codec.decode(foreign, SCOPE)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void refusesACursorReplayedOnOtherFilters() {
        String cursor = codec.encode(position, SCOPE);
        assertThatThrownBy(() -> codec.decode(cursor, "audit.records|s=session-2"))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("other filters");
    }

    static Stream<String> garbage() {
        return Stream.of("", "x", "not base64 at all!", "' OR 1=1 --", "A".repeat(300),
                Base64.getUrlEncoder().encodeToString(new byte[69]));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void refusesGarbage(String cursor) {
        assertThatThrownBy(() -> codec.decode(cursor, SCOPE)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new CursorCodec(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
