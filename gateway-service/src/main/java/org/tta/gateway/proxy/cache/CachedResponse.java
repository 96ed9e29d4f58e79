package org.tta.gateway.proxy.cache;

/**
 * A cached 200 answer as stored in Redis (JSON; the body base64).
 *
 * @param contentType  the backend's {@code Content-Type}
 * @param etag         the backend's {@code ETag}, or one the gateway computed from the body
 * @param cacheControl the backend's {@code Cache-Control}, or null
 * @param body         the body
 */
public record CachedResponse(String contentType, String etag, String cacheControl, byte[] body) {
}
