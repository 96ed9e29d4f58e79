package org.tta.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadSchema;

class CloudEventsRequestParserTest {

    static final String TYPE = "org.tta.narrative.scene.v1";
    static final String UUID = "0b1c5a8e-3f2d-4c6b-9a7e-1d2f3a4b5c6d";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String DATA = "{\"scene\":\"forest\"}";
    static final String MESSAGE = "{\"sessionId\":\"s1\",\"authorId\":\"narrator\",\"authorRole\":\"service\",\"text\":\"You enter a forest\"}";

    private final CloudEventsRequestParser parser = new CloudEventsRequestParser(
            new EventsProperties(3, List.of("partitionkey", "traceparent", "tracestate", "sequence", "replayed")));

    /** One HTTP request: its headers and body. */
    record Request(Map<String, String> headers, String body) {
        HttpHeaders httpHeaders() {
            HttpHeaders headers = new HttpHeaders();
            this.headers.forEach(headers::add);
            return headers;
        }
    }

    record Accepted(String name, Request request, EventMode mode, Consumer<List<ClientEvent>> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A refused request; for InvalidEventException also the attribute and where it was pointed at. */
    record Refused(String name, Request request, Class<? extends RuntimeException> error, String attribute,
                   String pointer, String header) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Accepted> acceptedRequests() {
        return Stream.of(
                new Accepted("binary: the minimal event", binary(Map.of(), DATA), EventMode.BINARY, events -> {
                    ClientEvent event = events.get(0);
                    assertThat(event.type()).isEqualTo(TYPE);
                    assertThat(event.sessionKey()).isEqualTo("s1");
                    assertThat(event.clientId()).isNull();
                    assertThat(event.dataContentType()).isEqualTo("application/json");
                    assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo(DATA);
                }),
                new Accepted("binary: id, source, time, partitionkey, traceparent, mixed-case names",
                        new Request(Map.of("CE-SpecVersion", "1.0", "Ce-Type", TYPE, "ce-id", UUID,
                                "ce-source", "/narrative/engine", "ce-time", "2025-01-02T03:04:05.678Z",
                                "ce-partitionkey", "s2", "ce-traceparent", TRACEPARENT, "Content-Type", "application/json"), DATA),
                        EventMode.BINARY, events -> {
                    ClientEvent event = events.get(0);
                    assertThat(event.sessionKey()).isEqualTo("s2");
                    assertThat(event.clientId()).isEqualTo(UUID);
                    assertThat(event.clientSource()).isEqualTo("/narrative/engine");
                    assertThat(event.traceparent()).isEqualTo(TRACEPARENT);
                    assertThat(event.extensions()).containsEntry("partitionkey", "s2");
                }),
                new Accepted("binary: percent-encoded and quoted header values",
                        binary(Map.of("ce-subject", "\"s%31\"", "ce-tracestate", "vendor%3Dvalue%20%E2%82%AC"), DATA),
                        EventMode.BINARY, events -> {
                    assertThat(events.get(0).sessionKey()).isEqualTo("s1");
                    assertThat(events.get(0).extensions()).containsEntry("tracestate", "vendor=value \u20AC");
                }),
                new Accepted("binary: a +json content type with parameters is kept",
                        binary(Map.of("Content-Type", "application/vnd.tta.scene+json; charset=utf-8"), DATA),
                        EventMode.BINARY, events -> assertThat(events.get(0).dataContentType())
                        .isEqualTo("application/vnd.tta.scene+json; charset=utf-8")),
                new Accepted("binary: an event without data needs no content type",
                        new Request(Map.of("ce-specversion", "1.0", "ce-type", TYPE, "ce-subject", "s1"), ""),
                        EventMode.BINARY, events -> {
                    assertThat(events.get(0).data()).isNull();
                    assertThat(events.get(0).dataContentType()).isNull();
                }),
                new Accepted("structured: data as a JSON value, datacontenttype implied",
                        structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"subject\":\"s1\",\"id\":\"" + UUID
                                + "\",\"source\":\"urn:x\",\"data\":" + DATA + "}"),
                        EventMode.STRUCTURED, events -> {
                    ClientEvent event = events.get(0);
                    assertThat(event.dataContentType()).isEqualTo("application/json");
                    assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo(DATA);
                    assertThat(event.clientSource()).isEqualTo("urn:x");
                }),
                new Accepted("structured: data_base64 holding JSON",
                        structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"subject\":\"s1\",\"data_base64\":\""
                                + Base64.getEncoder().encodeToString(DATA.getBytes(StandardCharsets.UTF_8)) + "\"}"),
                        EventMode.STRUCTURED, events -> assertThat(new String(events.get(0).data(), StandardCharsets.UTF_8))
                        .isEqualTo(DATA)),
                new Accepted("structured: null means unset; integer and boolean extensions",
                        structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"subject\":null,\"partitionkey\":\"s3\","
                                + "\"time\":null,\"sequence\":7,\"replayed\":true,\"data\":null}"),
                        EventMode.STRUCTURED, events -> {
                    ClientEvent event = events.get(0);
                    assertThat(event.sessionKey()).isEqualTo("s3");
                    assertThat(event.extensions()).containsEntry("sequence", 7).containsEntry("replayed", true);
                    assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("null");
                }),
                new Accepted("structured: a known type with valid data gets its dataschema",
                        structured(event(EventTypes.SESSION_MESSAGE, "s1", MESSAGE)),
                        EventMode.STRUCTURED, events -> assertThat(events.get(0).dataSchema())
                        .isEqualTo(PayloadSchema.SESSION_MESSAGE.id())),
                new Accepted("batch: events keep their order",
                        batch("[" + event(TYPE, "a", DATA) + "," + event(TYPE, "b", DATA) + "," + event(TYPE, "c", DATA) + "]"),
                        EventMode.BATCH, events -> assertThat(events).extracting(ClientEvent::sessionKey)
                        .containsExactly("a", "b", "c")));
    }

    static Stream<Refused> refusedRequests() {
        Class<InvalidEventException> invalid = InvalidEventException.class;
        return Stream.of(
                new Refused("binary: no specversion", binaryWithout("ce-specversion"), invalid, "specversion", null, "ce-specversion"),
                new Refused("binary: specversion 0.3", binary(Map.of("ce-specversion", "0.3"), DATA), invalid, "specversion", null, "ce-specversion"),
                new Refused("binary: no type", binaryWithout("ce-type"), invalid, "type", null, "ce-type"),
                new Refused("binary: a type outside org.tta", binary(Map.of("ce-type", "com.example.scene.v1"), DATA), invalid, "type", null, "ce-type"),
                new Refused("binary: a type without version", binary(Map.of("ce-type", "org.tta.narrative.scene"), DATA), invalid, "type", null, "ce-type"),
                new Refused("binary: an id that is no UUID", binary(Map.of("ce-id", "1234-1234"), DATA), invalid, "id", null, "ce-id"),
                new Refused("binary: no session key", binaryWithout("ce-subject"), invalid, "subject", null, "ce-subject"),
                new Refused("binary: a subject with path characters", binary(Map.of("ce-subject", "a/../b"), DATA), invalid, "subject", null, "ce-subject"),
                new Refused("binary: partitionkey differs from subject", binary(Map.of("ce-partitionkey", "other"), DATA), invalid, "partitionkey", null, "ce-partitionkey"),
                new Refused("binary: an unknown extension", binary(Map.of("ce-foo", "bar"), DATA), invalid, "foo", null, "ce-foo"),
                new Refused("binary: an attribute name with an underscore", binary(Map.of("ce-foo_bar", "x"), DATA), invalid, null, null, "ce-foo_bar"),
                new Refused("binary: an attribute name over 20 characters", binary(Map.of("ce-abcdefghijklmnopqrstu", "x"), DATA), invalid, null, null, "ce-abcdefghijklmnopqrstu"),
                new Refused("binary: datacontenttype as a ce- header", binary(Map.of("ce-datacontenttype", "application/json"), DATA), invalid, "datacontenttype", null, "ce-datacontenttype"),
                new Refused("binary: the gateway's clientid", binary(Map.of("ce-clientid", UUID), DATA), invalid, "clientid", null, "ce-clientid"),
                new Refused("binary: broken percent-encoding", binary(Map.of("ce-subject", "s%ZZ"), DATA), invalid, "subject", null, "ce-subject"),
                new Refused("binary: overlong UTF-8", binary(Map.of("ce-subject", "s%C0%A0"), DATA), invalid, "subject", null, "ce-subject"),
                new Refused("binary: an encoded control character", binary(Map.of("ce-source", "a%0Ab"), DATA), invalid, "source", null, "ce-source"),
                new Refused("binary: a time that is no timestamp", binary(Map.of("ce-time", "yesterday"), DATA), invalid, "time", null, "ce-time"),
                new Refused("binary: a malformed traceparent", binary(Map.of("ce-traceparent", "00-xyz-01"), DATA), invalid, "traceparent", null, "ce-traceparent"),
                new Refused("binary: malformed JSON data", binary(Map.of(), "{\"scene\":"), MalformedJsonException.class, null, null, null),
                new Refused("binary: text/plain data", binary(Map.of("Content-Type", "text/plain"), "forest"), UnsupportedEventFormatException.class, null, null, null),
                new Refused("a body without Content-Type", new Request(Map.of("ce-specversion", "1.0"), DATA), UnsupportedEventFormatException.class, null, null, null),
                new Refused("another CloudEvents format", new Request(Map.of("Content-Type", "application/cloudevents+xml"), "<e/>"), UnsupportedEventFormatException.class, null, null, null),
                new Refused("structured: malformed JSON", structured("{\"specversion\":"), MalformedJsonException.class, null, null, null),
                new Refused("structured: empty body", structured(""), MalformedJsonException.class, null, null, null),
                new Refused("structured: not an object", structured("[1]"), invalid, null, "", null),
                new Refused("structured: a type of 100,000 characters (once a stack overflow in the type pattern: a 500)",
                        structured("{\"specversion\":\"1.0\",\"type\":\"org.tta" + ".session".repeat(12_500) + ".v1\",\"subject\":\"s1\"}"),
                        invalid, "type", "/type", null),
                new Refused("structured: a type that is no string", structured("{\"specversion\":\"1.0\",\"type\":12,\"subject\":\"s1\"}"), invalid, "type", "/type", null),
                new Refused("structured: data and data_base64", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"data\":{},\"data_base64\":\"e30=\"}"), invalid, "data_base64", "/data_base64", null),
                new Refused("structured: data_base64 that is no Base64", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"data_base64\":\"%%%\"}"), invalid, "data_base64", "/data_base64", null),
                new Refused("structured: data_base64 that is no JSON", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"data_base64\":\"" + Base64.getEncoder().encodeToString("<xml/>".getBytes(StandardCharsets.UTF_8))
                        + "\"}"), invalid, "data_base64", "/data_base64", null),
                new Refused("structured: a non-JSON datacontenttype", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"datacontenttype\":\"text/plain\",\"data\":\"x\"}"), invalid, "datacontenttype", "/datacontenttype", null),
                new Refused("structured: a fractional extension value", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"sequence\":1.5}"), invalid, "sequence", "/sequence", null),
                new Refused("structured: an upper-case attribute name", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"Mood\":\"calm\"}"), invalid, "Mood", "/Mood", null),
                new Refused("structured: a clientsource of its own", structured("{\"specversion\":\"1.0\",\"type\":\"" + TYPE
                        + "\",\"subject\":\"s1\",\"clientsource\":\"urn:evil\"}"), invalid, "clientsource", "/clientsource", null),
                new Refused("structured: a known type with data failing its schema",
                        structured(event(EventTypes.SESSION_MESSAGE, "s1", "{\"sessionId\":\"s1\",\"authorId\":\"n\",\"authorRole\":\"service\"}")),
                        invalid, "data", "/data/text", null),
                new Refused("structured: a known type without data", structured("{\"specversion\":\"1.0\",\"type\":\""
                        + EventTypes.SESSION_MESSAGE + "\",\"subject\":\"s1\"}"), invalid, "data", "/data", null),
                new Refused("structured: a known type with another dataschema", structured("{\"specversion\":\"1.0\",\"type\":\""
                        + EventTypes.SESSION_MESSAGE + "\",\"subject\":\"s1\",\"dataschema\":\"https://example.com/s.json\",\"data\":"
                        + MESSAGE + "}"), invalid, "dataschema", "/dataschema", null),
                new Refused("batch: not an array", batch(event(TYPE, "s1", DATA)), invalid, null, "", null),
                new Refused("batch: empty", batch("[]"), invalid, null, "", null),
                new Refused("batch: over the limit", batch("[" + String.join(",", List.of(event(TYPE, "a", DATA),
                        event(TYPE, "b", DATA), event(TYPE, "c", DATA), event(TYPE, "d", DATA))) + "]"),
                        BatchTooLargeException.class, null, null, null),
                new Refused("batch: the second event lacks its type", batch("[" + event(TYPE, "a", DATA)
                        + ",{\"specversion\":\"1.0\",\"subject\":\"b\"}]"), invalid, "type", "/1/type", null),
                new Refused("batch: an element that is no object", batch("[" + event(TYPE, "a", DATA) + ",7]"), invalid, null, "/1", null));
    }

    @ParameterizedTest
    @MethodSource("acceptedRequests")
    void readsEveryContentMode(Accepted c) {
        ParsedEvents parsed = parser.parse(c.request().httpHeaders(), c.request().body().getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.mode()).isEqualTo(c.mode());
        c.check().accept(parsed.events());
    }

    @ParameterizedTest
    @MethodSource("refusedRequests")
    void refusesBadEventsNamingTheOffendingAttribute(Refused c) {
        Throwable error = catchThrowable(() ->
                parser.parse(c.request().httpHeaders(), c.request().body().getBytes(StandardCharsets.UTF_8)));

        assertThat(error).isInstanceOf(c.error());
        if (error instanceof InvalidEventException invalid) {
            assertThat(invalid.violations())
                    .as("violations %s", invalid.violations())
                    .anySatisfy(v -> {
                        assertThat(v.attribute()).isEqualTo(c.attribute());
                        assertThat(v.pointer()).isEqualTo(c.pointer());
                        assertThat(v.header()).isEqualTo(c.header());
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("refusedRequests")
    void neverQuotesTheSubmittedValuesInViolations(Refused c) {
        Throwable error = catchThrowable(() ->
                parser.parse(c.request().httpHeaders(), c.request().body().getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getMessage()).doesNotContain("forest", "a/../b", "yesterday", "urn:evil", "calm");
        if (error instanceof InvalidEventException invalid) {
            assertThat(invalid.violations()).allSatisfy(v ->
                    assertThat(v.detail()).doesNotContain("forest", "a/../b", "yesterday", "1234-1234", "urn:evil", "calm"));
        }
    }

    @org.junit.jupiter.api.Test
    void refusesToLetConfigurationAllowTheGatewaysOwnAttributes() {
        assertThatThrownBy(() -> new EventsProperties(100, List.of("partitionkey", "clientid")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventsProperties(100, List.of("source")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Request binary(Map<String, String> overrides, String body) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("ce-specversion", "1.0", "ce-type", TYPE,
                "ce-subject", "s1", "Content-Type", "application/json"));
        headers.putAll(overrides);
        return new Request(headers, body);
    }

    static Request binaryWithout(String header) {
        Map<String, String> headers = new LinkedHashMap<>(binary(Map.of(), DATA).headers());
        headers.remove(header);
        return new Request(headers, DATA);
    }

    static Request structured(String json) {
        return new Request(Map.of("Content-Type", "application/cloudevents+json; charset=utf-8"), json);
    }

    static Request batch(String json) {
        return new Request(Map.of("Content-Type", "application/cloudevents-batch+json"), json);
    }

    static String event(String type, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"type\":\"" + type + "\",\"subject\":\"" + subject + "\",\"data\":" + data + "}";
    }
}
