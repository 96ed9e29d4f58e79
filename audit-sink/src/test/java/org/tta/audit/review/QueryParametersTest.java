package org.tta.audit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tta.audit.review.InvalidQueryException.ParameterError;

class QueryParametersTest {

    private static QueryParameters of(String... pairs) {
        Map<String, String[]> raw = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            String[] old = raw.getOrDefault(name, new String[0]);
            String[] values = java.util.Arrays.copyOf(old, old.length + 1);
            values[old.length] = pairs[i + 1];
            raw.put(name, values);
        }
        return QueryParameters.of(raw, ReviewRecordsController.RECORD_PARAMETERS);
    }

    private static List<ParameterError> errorsOf(QueryParameters parameters) {
        try {
            parameters.validate();
            return List.of();
        } catch (InvalidQueryException e) {
            return e.errors();
        }
    }

    @Test
    void readsEveryFilter() {
        QueryParameters parameters = of("sessionId", "s-1", "subject", "alice@example.org", "action",
                "session.message.posted,safety.escalated", "severity", "high", "from", "2026-11-01T00:00:00Z",
                "to", "2026-11-02T00:00:00+01:00", "reason", "  incident 42  ");

        RecordFilter filter = parameters.filter(Severities.KNOWN);
        String reason = parameters.reason();
        parameters.validate();

        assertThat(filter).isEqualTo(new RecordFilter("s-1", "alice@example.org",
                List.of("session.message.posted", "safety.escalated"), List.of("high"),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T23:00:00Z")));
        assertThat(reason).isEqualTo("incident 42");
    }

    @Test
    void capsALargePageSizeInsteadOfRefusingIt() {
        assertThat(of("limit", "1000000").limit(100, 1000)).isEqualTo(1000);
        assertThat(of("limit", "999999999999999999").limit(100, 1000)).isEqualTo(1000);
        assertThat(of().limit(100, 1000)).isEqualTo(100);
        assertThat(of("limit", "7").limit(100, 1000)).isEqualTo(7);
    }

    @Test
    void refusesAPageSizeThatIsNotPositive() {
        for (String bad : List.of("0", "-1", "ten", "1e3", "9999999999999999999999")) {
            QueryParameters parameters = of("limit", bad);
            parameters.limit(100, 1000);
            assertThat(errorsOf(parameters)).as(bad).extracting(ParameterError::parameter).containsExactly("limit");
        }
    }

    @Test
    void requiresAReason() {
        for (QueryParameters parameters : List.of(of(), of("reason", ""), of("reason", "   "),
                of("reason", "x".repeat(501)), of("reason", "line\nbreak"))) {
            parameters.reason();
            assertThat(errorsOf(parameters)).extracting(ParameterError::parameter).containsExactly("reason");
        }
    }

    @Test
    void refusesUnknownAndRepeatedParameters() {
        QueryParameters parameters = of("sesionId", "s-1", "subject", "a", "subject", "b");
        parameters.filter(Severities.KNOWN);
        assertThat(errorsOf(parameters)).extracting(ParameterError::parameter)
                .containsExactlyInAnyOrder("sesionId", "subject");
    }

    @Test
    void neverEchoesTheValueItRefused() {
        QueryParameters parameters = of("sessionId", "' OR '1'='1", "severity", "<script>", "from", "yesterday");
        parameters.filter(Severities.KNOWN);
        assertThat(errorsOf(parameters)).hasSize(3)
                .allSatisfy(error -> assertThat(error.message()).doesNotContain("'1'", "<script>", "yesterday"));
    }

    @Test
    void refusesAnEmptyPeriod() {
        QueryParameters parameters = of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z");
        parameters.filter(Severities.KNOWN);
        assertThat(errorsOf(parameters)).extracting(ParameterError::parameter).containsExactly("to");
    }
}
