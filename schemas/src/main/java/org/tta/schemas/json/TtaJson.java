package org.tta.schemas.json;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson 3 configuration for TTA payloads, shared by the validator and the codec. */
public final class TtaJson {

    // Payloads are flat records; a deep document is an attack, not data.
    private static final int MAX_NESTING_DEPTH = 32;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            // Two values for one key would let two readers see two different messages.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Tolerant reader: a newer producer may add optional fields; schemas guard the ingress.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private TtaJson() {
    }

    /** The shared, immutable and thread-safe mapper: ISO-8601 instants, nulls omitted, strict parsing. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The RFC 6901 pointer of the place a Jackson exception refers to, built from property names
     * and indexes only, never from values (Jackson's own messages may quote the input).
     */
    public static String pointerOf(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        List<JacksonException.Reference> path = e.getPath();
        for (JacksonException.Reference ref : path) {
            pointer.append('/');
            if (ref.getPropertyName() != null) {
                pointer.append(escapePointerSegment(ref.getPropertyName()));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    /** Escapes one JSON pointer segment as RFC 6901 requires. */
    public static String escapePointerSegment(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
