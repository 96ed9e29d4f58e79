package org.tta.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tta.schemas.validation.Payloads.aParticipantsReplacement;
import static org.tta.schemas.validation.Payloads.aScanRequest;
import static org.tta.schemas.validation.Payloads.aSessionCreation;
import static org.tta.schemas.validation.Payloads.aSessionMessage;
import static org.tta.schemas.validation.Payloads.aSubmission;
import static org.tta.schemas.validation.Payloads.anAuditRecord;
import static org.tta.schemas.validation.Payloads.anEscalation;
import static org.tta.schemas.validation.Payloads.bytes;
import static org.tta.schemas.validation.Payloads.participant;
import static org.tta.schemas.validation.Payloads.participants;
import static org.tta.schemas.validation.Payloads.with;
import static org.tta.schemas.validation.Payloads.without;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.MessageSubmission;

class PayloadValidatorTest {

    private final PayloadValidator validator = PayloadValidator.standard();

    record Valid(String name, PayloadSchema schema, Object document) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> validPayloads() {
        return Stream.of(
                new Valid("submission", PayloadSchema.MESSAGE_SUBMISSION, aSubmission()),
                new Valid("text of 8000 chars", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", "a".repeat(8000))),
                new Valid("text with surrounding space", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", "  ok \n")),
                new Valid("session message", PayloadSchema.SESSION_MESSAGE, aSessionMessage()),
                new Valid("longest session id", PayloadSchema.SESSION_MESSAGE, with(aSessionMessage(), "sessionId", "s".repeat(128))),
                new Valid("scan request", PayloadSchema.SAFETY_SCAN_REQUEST, aScanRequest()),
                new Valid("immediate scan request with its pre-check rule", PayloadSchema.SAFETY_SCAN_REQUEST,
                        with(with(aScanRequest(), "priority", "immediate"), "precheckRule", "crisis.self-harm")),
                new Valid("escalation", PayloadSchema.SAFETY_ESCALATION, anEscalation()),
                new Valid("review escalation", PayloadSchema.SAFETY_ESCALATION, with(anEscalation(), "route", "review")),
                new Valid("review escalation become a page", PayloadSchema.SAFETY_ESCALATION,
                        with(with(anEscalation(), "route", "page"), "previousRoute", "review")),
                new Valid("audit record", PayloadSchema.AUDIT_RECORD, anAuditRecord()),
                new Valid("audit record with nulls", PayloadSchema.AUDIT_RECORD,
                        with(with(with(anAuditRecord(), "clientIp", null), "traceId", null), "content", null)),
                new Valid("audit record without optionals", PayloadSchema.AUDIT_RECORD,
                        without(without(without(anAuditRecord(), "clientIp"), "traceId"), "content")),
                new Valid("date-time with offset", PayloadSchema.AUDIT_RECORD, with(anAuditRecord(), "occurredAt", "2025-06-01T12:15:30+02:00")),
                new Valid("session creation", PayloadSchema.SESSION_CREATION, aSessionCreation()),
                new Valid("session creation without title", PayloadSchema.SESSION_CREATION, without(aSessionCreation(), "title")),
                new Valid("session creation with null title", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", null)),
                new Valid("title of 200 code points with emoji", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", "\u00e9\ud83d\ude42" + "t".repeat(198))),
                new Valid("fifty participants", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "participants", manyParticipants(50))),
                new Valid("longest subject", PayloadSchema.PARTICIPANTS_REPLACEMENT,
                        with(aParticipantsReplacement(), "participants", participants(participant("s".repeat(128), "therapist")))),
                new Valid("participants replacement", PayloadSchema.PARTICIPANTS_REPLACEMENT, aParticipantsReplacement()));
    }

    @ParameterizedTest
    @MethodSource("validPayloads")
    void acceptsValidPayload(Valid valid) {
        assertThat(validator.validate(valid.schema(), bytes(valid.document()))).isEmpty();
    }

    record Invalid(String name, PayloadSchema schema, Object document, String pointer, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidPayloads() {
        return Stream.of(
                new Invalid("missing text", PayloadSchema.MESSAGE_SUBMISSION, Map.of(), "/text", "is required"),
                new Invalid("empty text", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", ""), "/text", "at least 1"),
                new Invalid("blank text", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", " \t\n "), "/text", "not white space"),
                new Invalid("unicode blank text", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", "\u00A0\u3000"), "/text", "not white space"),
                new Invalid("too long text", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", "a".repeat(8001)), "/text", "at most 8000"),
                new Invalid("text of wrong type", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "text", 42), "/text", "must be string"),
                new Invalid("extra property", PayloadSchema.MESSAGE_SUBMISSION, with(aSubmission(), "mood", "sad"), "/mood", "not allowed"),
                new Invalid("not an object", PayloadSchema.MESSAGE_SUBMISSION, List.of("text"), "", "must be object"),
                new Invalid("bad session id", PayloadSchema.SESSION_MESSAGE, with(aSessionMessage(), "sessionId", "-starts-with-dash"), "/sessionId", "letter or digit"),
                new Invalid("too long session id", PayloadSchema.SESSION_MESSAGE, with(aSessionMessage(), "sessionId", "s".repeat(129)), "/sessionId", "1 to 128"),
                new Invalid("bad role", PayloadSchema.SESSION_MESSAGE, with(aSessionMessage(), "authorRole", "superuser"), "/authorRole", "patient, therapist"),
                new Invalid("too long id", PayloadSchema.SAFETY_SCAN_REQUEST, with(aScanRequest(), "authorId", "u".repeat(129)), "/authorId", "at most 128"),
                new Invalid("missing scan priority", PayloadSchema.SAFETY_SCAN_REQUEST, without(aScanRequest(), "priority"), "/priority", "is required"),
                new Invalid("unknown scan priority", PayloadSchema.SAFETY_SCAN_REQUEST, with(aScanRequest(), "priority", "urgent"), "/priority", "normal, immediate"),
                new Invalid("bad pre-check rule id", PayloadSchema.SAFETY_SCAN_REQUEST, with(aScanRequest(), "precheckRule", "Rule 1"), "/precheckRule", "lower-case words"),
                new Invalid("missing scan event id", PayloadSchema.SAFETY_SCAN_REQUEST, without(aScanRequest(), "messageEventId"), "/messageEventId", "is required"),
                new Invalid("bad date-time", PayloadSchema.AUDIT_RECORD, with(anAuditRecord(), "occurredAt", "yesterday"), "/occurredAt", "date-time"),
                new Invalid("date-time without offset", PayloadSchema.SAFETY_ESCALATION, with(anEscalation(), "occurredAt", "2025-06-01T10:15:30"), "/occurredAt", "date-time"),
                new Invalid("unknown escalation route", PayloadSchema.SAFETY_ESCALATION, with(anEscalation(), "route", "pager"), "/route", ""),
                new Invalid("impossible date", PayloadSchema.SAFETY_ESCALATION, with(anEscalation(), "occurredAt", "2025-13-01T10:15:30Z"), "/occurredAt", "date-time"),
                new Invalid("nullable of wrong type", PayloadSchema.AUDIT_RECORD, with(anAuditRecord(), "clientIp", 7), "/clientIp", "string, null"),
                new Invalid("required set to null", PayloadSchema.AUDIT_RECORD, with(anAuditRecord(), "sessionId", null), "/sessionId", "must be string"),
                new Invalid("no participants", PayloadSchema.SESSION_CREATION, without(aSessionCreation(), "participants"), "/participants", "is required"),
                new Invalid("empty participants", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "participants", participants()), "/participants", "at least 1"),
                new Invalid("51 participants", PayloadSchema.PARTICIPANTS_REPLACEMENT,
                        with(aParticipantsReplacement(), "participants", manyParticipants(51)), "/participants", "at most 50"),
                new Invalid("same entry twice", PayloadSchema.PARTICIPANTS_REPLACEMENT, with(aParticipantsReplacement(), "participants",
                        participants(participant("alice", "patient"), participant("alice", "patient"))), "/participants", "same item twice"),
                new Invalid("unknown participant role", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "participants",
                        participants(participant("alice", "admin"))), "/participants/0/role", "patient, therapist"),
                new Invalid("subject too long", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "participants",
                        participants(participant("s".repeat(129), "patient"))), "/participants/0/subject", "at most 128"),
                new Invalid("empty subject", PayloadSchema.PARTICIPANTS_REPLACEMENT, with(aParticipantsReplacement(), "participants",
                        participants(participant("", "patient"))), "/participants/0/subject", "at least 1"),
                new Invalid("extra participant field", PayloadSchema.PARTICIPANTS_REPLACEMENT, with(aParticipantsReplacement(), "participants",
                        participants(with(participant("alice", "patient"), "admin", "yes"))), "/participants/0/admin", "not allowed"),
                new Invalid("title too long", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", "t".repeat(201)), "/title", "at most 200"),
                new Invalid("empty title", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", ""), "/title", "at least 1"),
                new Invalid("control character in title", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", "a\u0007b"), "/title", "control characters"),
                new Invalid("bidi override in title", PayloadSchema.SESSION_CREATION, with(aSessionCreation(), "title", "a\u202Eb"), "/title", "control characters"),
                new Invalid("title on a replacement", PayloadSchema.PARTICIPANTS_REPLACEMENT, with(aParticipantsReplacement(), "title", "x"), "/title", "not allowed"));
    }

    @ParameterizedTest
    @MethodSource("invalidPayloads")
    void rejectsInvalidPayloadAtTheRightPointer(Invalid invalid) {
        List<Violation> violations = validator.validate(invalid.schema(), bytes(invalid.document()));

        assertThat(violations).isNotEmpty().allSatisfy(violation -> assertThat(violation.pointer()).isEqualTo(invalid.pointer()));
        assertThat(violations).anySatisfy(violation -> assertThat(violation.message()).contains(invalid.messagePart()));
    }

    @Test
    void escapesPointerSegmentsAsRfc6901Requires() {
        List<Violation> violations = validator.validate(PayloadSchema.MESSAGE_SUBMISSION, bytes(with(aSubmission(), "a/b~c", 1)));

        assertThat(violations).extracting(Violation::pointer).containsExactly("/a~1b~0c");
    }

    @Test
    void readValidBindsAValidBody() {
        MessageSubmission submission = validator.readValid(PayloadSchema.MESSAGE_SUBMISSION, bytes(aSubmission()), MessageSubmission.class);
        AuditRecord audit = validator.readValid(PayloadSchema.AUDIT_RECORD,
                bytes(without(anAuditRecord(), "content")), AuditRecord.class);

        assertThat(submission.text()).isEqualTo("I had a rough day at school.");
        assertThat(audit.occurredAt()).hasToString("2025-06-01T10:15:30Z");
        assertThat(audit.content()).isNull();
    }

    @Test
    void readValidThrowsWithTheViolations() {
        assertThatThrownBy(() -> validator.readValid(PayloadSchema.MESSAGE_SUBMISSION, utf8("{}"), MessageSubmission.class))
                .isInstanceOfSatisfying(PayloadInvalidException.class, e -> {
                    assertThat(e.schema()).isEqualTo(PayloadSchema.MESSAGE_SUBMISSION);
                    assertThat(e.violations()).containsExactly(new Violation("/text", "is required"));
                });
    }

    @Test
    void readValidTurnsABindingFailureIntoAViolation() {
        // RFC 3339 allows offsets up to 23:59; java.time stops at 18:00.
        byte[] farOffset = bytes(with(anAuditRecord(), "occurredAt", "2025-06-01T10:15:30+23:00"));

        assertThatThrownBy(() -> validator.readValid(PayloadSchema.AUDIT_RECORD, farOffset, AuditRecord.class))
                .isInstanceOfSatisfying(PayloadInvalidException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("/occurredAt", "cannot be converted to the type of this field")));
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<Invalid> cases = invalidPayloads().toList();
        List<Runnable> checks = cases.stream().<Runnable>map(c -> () -> rejectsInvalidPayloadAtTheRightPointer(c)).toList();
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                checks.forEach(check -> futures.add(executor.submit(check)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static List<Object> manyParticipants(int count) {
        List<Object> list = participants();
        for (int i = 0; i < count; i++) {
            list.add(participant("user-" + i, "patient"));
        }
        return list;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
