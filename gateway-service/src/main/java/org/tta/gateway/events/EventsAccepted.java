package org.tta.gateway.events;

import java.util.List;

/** The 202 body of {@code POST /api/v1/events}: one receipt per event, in request order. */
public record EventsAccepted(List<EventReceipt> events) {

    public EventsAccepted {
        events = List.copyOf(events);
    }
}
