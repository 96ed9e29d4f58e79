package org.tta.gateway.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadValidator;
import tools.jackson.databind.JsonNode;

/**
 * Reads the events of a {@code POST /api/v1/events} request in any content mode of the CloudEvents
 * HTTP binding and applies the gateway's rules. All or nothing: one bad event fails the request,
 * with every violation of every event listed. Thread-safe.
 */
@Component
class CloudEventsRequestParser {

    private final int maxBatchSize;
    private final EventRules rules;

    CloudEventsRequestParser(EventsProperties properties) {
        this.maxBatchSize = properties.maxBatchSize();
        this.rules = new EventRules(properties.allowedExtensions(), PayloadValidator.standard());
    }

    /**
     * @throws UnsupportedEventFormatException when the content type is no mode the gateway reads (415)
     * @throws BatchTooLargeException          when a batch holds more than the configured events (413)
     * @throws MalformedJsonException          when the body is not one well-formed JSON value (400)
     * @throws InvalidEventException           when any event breaks a rule (400)
     */
    ParsedEvents parse(HttpHeaders headers, byte[] body) {
        EventMode mode = EventMode.of(headers.getFirst(HttpHeaders.CONTENT_TYPE), body.length > 0);
        List<RawEvent> raw = switch (mode) {
            case BINARY -> List.of(BinaryModeReader.read(headers, body));
            case STRUCTURED -> List.of(JsonFormatReader.read(JsonDocuments.parse(body), Location.json("")));
            case BATCH -> batch(JsonDocuments.parse(body));
        };
        List<EventViolation> violations = new ArrayList<>();
        List<ClientEvent> events = new ArrayList<>(raw.size());
        for (RawEvent event : raw) {
            Optional<ClientEvent> checked = rules.check(event, violations);
            checked.ifPresent(events::add);
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new ParsedEvents(mode, events);
    }

    private List<RawEvent> batch(JsonNode document) {
        if (!document.isArray()) {
            throw new InvalidEventException(List.of(Location.json("").whole("must be a JSON array of CloudEvents")));
        }
        if (document.isEmpty()) {
            // The binding allows an empty batch; for an ingress it is a client bug worth telling.
            throw new InvalidEventException(List.of(Location.json("").whole("must hold at least one event")));
        }
        if (document.size() > maxBatchSize) {
            throw new BatchTooLargeException(maxBatchSize);
        }
        List<RawEvent> events = new ArrayList<>(document.size());
        for (int i = 0; i < document.size(); i++) {
            events.add(JsonFormatReader.read(document.get(i), Location.json("/" + i)));
        }
        return events;
    }
}
