package org.tta.safety.scan;

import org.tta.schemas.payload.SafetyScanRequest;

/**
 * A decoded, valid scan request.
 *
 * @param eventId the CloudEvents id of the scan record
 * @param request its data (the text in it is PHI)
 */
public record Scan(String eventId, SafetyScanRequest request) {
}
