package org.tta.gateway.events;

import java.util.List;

/** The events of one request, in request order, and the content mode they came in. */
record ParsedEvents(EventMode mode, List<ClientEvent> events) {

    ParsedEvents {
        events = List.copyOf(events);
    }
}
