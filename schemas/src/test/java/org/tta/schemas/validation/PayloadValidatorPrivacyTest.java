package org.tta.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tta.schemas.validation.Payloads.SECRET;
import static org.tta.schemas.validation.Payloads.aSessionMessage;
import static org.tta.schemas.validation.Payloads.aSubmission;
import static org.tta.schemas.validation.Payloads.anAuditRecord;
import static org.tta.schemas.validation.Payloads.bytes;
import static org.tta.schemas.validation.Payloads.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.payload.MessageSubmission;

/** Bad input is refused without repeating it: a body may be PHI, and errors end up in logs and responses. */
class PayloadValidatorPrivacyTest {

    private final PayloadValidator validator = PayloadValidator.standard();

    static Stream<Object> documentsCarryingTheSecret() {
        return Stream.of(
                with(aSubmission(), "text", SECRET + "x".repeat(8000)),
                with(aSubmission(), "text", Map.of("nested", SECRET)),
                with(aSessionMessage(), "authorRole", SECRET),
                with(aSessionMessage(), "sessionId", " " + SECRET),
                with(aSessionMessage(), "authorId", SECRET + " with spaces"),
                with(anAuditRecord(), "occurredAt", SECRET),
                with(anAuditRecord(), "traceId", SECRET.repeat(20)),
                with(aSubmission(), "extra", SECRET));
    }

    @ParameterizedTest
    @MethodSource("documentsCarryingTheSecret")
    void violationsNeverRepeatTheSubmittedValue(Object document) {
        for (PayloadSchema schema : PayloadSchema.values()) {
            List<Violation> violations = validator.validate(schema, bytes(document));

            assertThat(violations).isNotEmpty().allSatisfy(violation -> {
                assertThat(violation.message()).doesNotContain(SECRET);
                assertThat(violation.pointer()).doesNotContain(SECRET);
            });
            assertThatThrownBy(() -> validator.readValid(schema, bytes(document), Object.class))
                    .isInstanceOf(PayloadInvalidException.class)
                    .message().doesNotContain(SECRET);
        }
    }

    record Malformed(String name, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformedBodies() {
        return Stream.of(
                new Malformed("empty body", new byte[0]),
                new Malformed("white space only", utf8("  \n ")),
                new Malformed("unclosed object", utf8("{\"text\": \"hello")),
                new Malformed("trailing garbage", utf8("{\"text\": \"hello\"} trailing")),
                new Malformed("two documents", utf8("{\"text\": \"a\"}{\"text\": \"b\"}")),
                new Malformed("duplicate key", utf8("{\"text\": \"a\", \"text\": \"b\"}")),
                new Malformed("bare word", utf8("{\"text\": " + SECRET + "}")),
                new Malformed("invalid UTF-8", new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                new Malformed("too deep", utf8("[".repeat(100) + "]".repeat(100))));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void throwsMalformedJsonWithoutEchoingTheBody(Malformed malformed) {
        assertThatThrownBy(() -> validator.validate(PayloadSchema.MESSAGE_SUBMISSION, malformed.body()))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("Malformed JSON")
                .hasNoCause()
                .message().doesNotContain(SECRET).doesNotContain("hello").doesNotContain("trailing");
        assertThatThrownBy(() -> validator.readValid(PayloadSchema.MESSAGE_SUBMISSION, malformed.body(), MessageSubmission.class))
                .isInstanceOf(MalformedJsonException.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
