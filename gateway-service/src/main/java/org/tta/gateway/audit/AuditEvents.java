package org.tta.gateway.audit;

import java.net.URI;
import java.time.OffsetDateTime;

import io.cloudevents.CloudEvent;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditRecord;

/** The one way the gateway turns an audit record into its CloudEvent (new id, subject = the session). */
public final class AuditEvents {

    /** The {@code sourceService} of every audit record this gateway writes. */
    public static final String SERVICE_NAME = "gateway-service";

    private static final EventCodec CODEC = EventCodec.standard();

    private AuditEvents() {
    }

    public static CloudEvent of(URI source, AuditRecord record, OffsetDateTime time) {
        return TtaCloudEvents.create(EventIds.newId(), EventTypes.AUDIT_RECORD, source, record.sessionId(), time,
                CODEC.encode(record));
    }
}
