package org.tta.gateway.proxy.forward;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A backend's answer with hop-by-hop headers already removed. Either buffered ({@code body}, read
 * whole within the route's size limit, so a too large one is refused before any byte reaches the
 * client) or streamed ({@code stream}, the body as it arrives; it errors with a
 * {@code response-too-large} {@link ProxyFailure} when the limit is crossed, or a
 * {@link java.util.concurrent.TimeoutException} when the backend stalls longer than the route's
 * timeout between two chunks). A stream must be subscribed exactly once, or {@link #discard()}ed.
 */
public record BackendResponse(int status, HttpHeaders headers, byte[] body, Flux<DataBuffer> stream) {

    public BackendResponse(int status, HttpHeaders headers, byte[] body) {
        this(status, headers, body, null);
    }

    public boolean streamed() {
        return stream != null;
    }

    /** Reads and frees a streamed body nobody will relay (a 304, a HEAD), so the connection goes back to the pool. */
    public Mono<Void> discard() {
        return stream == null ? Mono.empty() : stream.doOnNext(DataBufferUtils::release).then().onErrorComplete();
    }

    public boolean isProblem() {
        MediaType type = contentType();
        return type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type);
    }

    public MediaType contentType() {
        try {
            return headers.getContentType();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
