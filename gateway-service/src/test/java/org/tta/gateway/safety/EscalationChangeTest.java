package org.tta.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscalationChangeTest {

    @ParameterizedTest
    @CsvSource({"open,opened,true", "acknowledged,acknowledged,true", "open,re-escalated,true", "resolved,resolved,false"})
    void theStateDecidesWhetherTheSessionCountsAsInCrisis(String state, String step, boolean open) {
        String json = "{\"sessionId\":\"s-1\",\"state\":\"" + state + "\",\"step\":\"" + step + "\"}";

        assertThat(EscalationChange.of("key-1", bytes(json))).contains(new EscalationChange("s-1", open));
    }

    @ParameterizedTest
    @CsvSource({"opened,true", "updated,true", "resolved,false"})
    void withoutAStateTheStepDecides(String step, boolean open) {
        assertThat(EscalationChange.of("s-2", bytes("{\"step\":\"" + step + "\"}"))).contains(new EscalationChange("s-2", open));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{\"state\":\"pondering\"}", "{\"state\":7}", "not json {"})
    void dataThatSaysNeitherChangesNothing(String json) {
        assertThat(EscalationChange.of("s-3", bytes(json))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void thePayloadsSessionWinsOverTheRecordKey() {
        assertThat(EscalationChange.of("key", bytes("{\"sessionId\":\"s-4\",\"state\":\"open\"}")))
                .contains(new EscalationChange("s-4", true));
        assertThat(EscalationChange.of(null, bytes("{\"state\":\"open\"}"))).isEmpty();
        assertThat(EscalationChange.of("s-5", null)).isEmpty();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
