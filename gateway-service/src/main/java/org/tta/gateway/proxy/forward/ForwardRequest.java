package org.tta.gateway.proxy.forward;

import org.springframework.http.HttpHeaders;

/**
 * What goes to the backend: method, path with query (still percent-encoded), headers (already
 * cleaned and with the forwarding headers set) and the whole body (kept, so a retry can resend it).
 *
 * @param streamed whether a successful answer may be relayed as it arrives ({@link BackendResponse#stream()});
 *                 false when the caller needs the whole answer (the cache, composites)
 */
public record ForwardRequest(String method, String pathAndQuery, HttpHeaders headers, byte[] body, boolean streamed) {
}
