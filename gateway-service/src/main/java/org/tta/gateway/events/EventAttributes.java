package org.tta.gateway.events;

import java.util.Set;
import java.util.regex.Pattern;

/** CloudEvents 1.0 attribute names as the gateway uses them. */
final class EventAttributes {

    static final String SPECVERSION = "specversion";
    static final String ID = "id";
    static final String SOURCE = "source";
    static final String TYPE = "type";
    static final String SUBJECT = "subject";
    static final String TIME = "time";
    static final String DATACONTENTTYPE = "datacontenttype";
    static final String DATASCHEMA = "dataschema";
    static final String DATA = "data";
    static final String DATA_BASE64 = "data_base64";

    static final String PARTITIONKEY = "partitionkey";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    /** The id the client gave; the gateway assigns its own. */
    static final String CLIENTID = "clientid";
    /** The source the client claimed; the gateway sets the authenticated one. */
    static final String CLIENTSOURCE = "clientsource";

    /** The context attributes of the core specification (data is not one). */
    static final Set<String> CORE = Set.of(SPECVERSION, ID, SOURCE, TYPE, SUBJECT, TIME, DATACONTENTTYPE, DATASCHEMA);
    /** Extensions only the gateway writes. */
    static final Set<String> GATEWAY_OWNED = Set.of(CLIENTID, CLIENTSOURCE);

    /** CloudEvents 1.0: lower-case ASCII letters and digits; the gateway also enforces the advised 20 characters. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]{1,20}");

    private EventAttributes() {
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}
