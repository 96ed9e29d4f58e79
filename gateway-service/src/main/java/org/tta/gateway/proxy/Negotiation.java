package org.tta.gateway.proxy;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.proxy.forward.ProxyFailure;

/**
 * Content negotiation by {@code Accept}: no header means JSON (the backend is asked for JSON, or for the
 * route's first type when it offers no JSON); a header that allows none of the offered types is a 406.
 */
public final class Negotiation {

    private Negotiation() {
    }

    public static void require(HttpHeaders request, List<String> produces) {
        List<String> accept = request.getOrEmpty(HttpHeaders.ACCEPT);
        if (accept.isEmpty()) {
            return;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable(produces);
        }
        for (MediaType want : wanted) {
            if (want.getQualityValue() <= 0) {
                continue;
            }
            for (String offered : produces) {
                if (want.isCompatibleWith(MediaType.parseMediaType(offered))) {
                    return;
                }
            }
        }
        throw notAcceptable(produces);
    }

    /** Sets {@code Accept} on the backend request when the client sent none, so a backend that negotiates answers JSON. */
    public static void defaultAccept(HttpHeaders outbound, List<String> produces) {
        if (!outbound.getOrEmpty(HttpHeaders.ACCEPT).isEmpty() || produces.isEmpty()) {
            return;
        }
        String json = produces.stream()
                .filter(type -> MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type)))
                .findFirst().orElse(produces.getFirst());
        outbound.set(HttpHeaders.ACCEPT, json);
    }

    private static ProxyFailure notAcceptable(List<String> produces) {
        return new ProxyFailure(Problem.of(ProxyProblems.NOT_ACCEPTABLE, HttpStatus.NOT_ACCEPTABLE,
                "This resource is offered only as " + String.join(", ", produces)).with("offered", produces), null);
    }
}
