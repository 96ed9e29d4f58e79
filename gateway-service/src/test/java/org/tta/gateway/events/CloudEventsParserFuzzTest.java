package org.tta.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.tta.gateway.fuzz.FuzzRun;
import org.tta.gateway.fuzz.Mutator;
import org.tta.gateway.problem.Problems;

/**
 * Fuzzes the CloudEvents HTTP parser with mutants of valid binary, structured and batch requests: for
 * any input it either accepts well-formed events or refuses with a client error (4xx problem); it never
 * throws anything that would become a 500, never overflows the stack, never hangs.
 */
class CloudEventsParserFuzzTest {

    static final String TYPE = "org.tta.narrative.scene.v1";
    static final String ID = "0b1c5a8e-3f2d-4c6b-9a7e-1d2f3a4b5c6d";
    static final String STRUCTURED = "{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"id\":\"" + ID
            + "\",\"source\":\"urn:x\",\"partitionkey\":\"s1\",\"traceparent\":"
            + "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\",\"data\":{\"scene\":\"forest\",\"n\":[1,2]}}";
    static final String MESSAGE = "{\"specversion\":\"1.0\",\"type\":\"org.tta.session.message.v1\",\"id\":\"" + ID
            + "\",\"source\":\"urn:x\",\"partitionkey\":\"s1\",\"datacontenttype\":\"application/json\",\"data\":"
            + "{\"sessionId\":\"s1\",\"authorId\":\"narrator\",\"authorRole\":\"service\",\"text\":\"You enter\"}}";
    static final String BASE64 = "{\"specversion\":\"1.0\",\"type\":\"" + TYPE + "\",\"id\":\"" + ID
            + "\",\"source\":\"urn:x\",\"partitionkey\":\"s2\",\"data_base64\":\""
            + Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + "\"}";
    static final List<String> CONTENT_TYPES = List.of("application/json", "application/cloudevents+json",
            "application/cloudevents-batch+json", "application/json; charset=utf-8", "text/plain", "",
            "application/cloudevents+xml", "application/vnd.x+json", "application/json;;;", "*/*", "application/");

    private final CloudEventsRequestParser parser = new CloudEventsRequestParser(
            new EventsProperties(100, List.of("partitionkey", "traceparent", "tracestate")));

    @Test
    void anyRequestIsEitherAcceptedOrRefusedWithAClientError() {
        FuzzRun run = FuzzRun.of(4_000);
        Mutator bodies = Mutator.ofText(run.seed(), List.of(STRUCTURED, MESSAGE, BASE64,
                "[" + STRUCTURED + "," + BASE64 + "]", "[" + MESSAGE + "]", "{\"scene\":\"forest\"}"));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < run.iterations(); i++) {
            HttpHeaders headers = new HttpHeaders();
            String contentType = bodies.oneOf(CONTENT_TYPES);
            if (!contentType.isEmpty()) {
                headers.set(HttpHeaders.CONTENT_TYPE, contentType);
            }
            binaryAttributes(bodies, headers);
            byte[] body = bodies.next();
            try {
                ParsedEvents parsed = parser.parse(headers, body);
                assertThat(parsed.events()).isNotEmpty();
                parsed.events().forEach(event -> {
                    assertThat(event.type()).isNotBlank();
                    assertThat(event.sessionKey()).isNotBlank();
                });
                accepted++;
            } catch (RuntimeException | StackOverflowError e) {
                int status = Problems.of(e).status().value();
                if (status < 400 || status >= 500) {
                    fail("input %d of the run (%s) got %s (status %d); content type '%s', headers %s, body (base64) %s",
                            i, run.replay(), e, status, contentType, headers,
                            Base64.getEncoder().encodeToString(body), e);
                }
                refused++;
            }
        }
        // A fuzzer that only ever produced garbage, or only valid requests, would test little.
        assertThat(accepted).as("accepted inputs (%s)", run.replay()).isPositive();
        assertThat(refused).as("refused inputs (%s)", run.replay()).isPositive();
    }

    /** Now and then the ce-* headers of a binary-mode request, some of them hostile. */
    private static void binaryAttributes(Mutator random, HttpHeaders headers) {
        if (random.nextInt(2) == 0) {
            return;
        }
        headers.set("ce-specversion", random.nextInt(6) == 0 ? random.nextToken() : "1.0");
        headers.set("ce-type", random.nextInt(6) == 0 ? random.nextToken() : TYPE);
        headers.set("ce-id", random.nextInt(6) == 0 ? random.nextToken() : ID);
        headers.set("ce-source", random.nextInt(6) == 0 ? random.nextToken() : "urn:x");
        headers.set("ce-partitionkey", random.nextInt(6) == 0 ? random.nextToken() : "s1");
        if (random.nextInt(4) == 0) {
            headers.add("ce-" + random.nextToken(), random.nextToken());
        }
        if (random.nextInt(6) == 0) {
            headers.add("CE-Type", TYPE);
        }
    }
}
