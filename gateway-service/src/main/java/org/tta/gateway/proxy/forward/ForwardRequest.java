package org.tta.gateway.proxy.forward;

import org.springframework.http.HttpHeaders;

/**
 * What goes to the backend: method, path with query (still percent-encoded), headers (already
 * cleaned and with the forwarding headers set) and the whole body.
 */
public record ForwardRequest(String method, String pathAndQuery, HttpHeaders headers, byte[] body) {
}
