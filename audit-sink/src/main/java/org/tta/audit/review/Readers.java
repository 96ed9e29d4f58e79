package org.tta.audit.review;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tta.audit.phi.ContentAccess;
import org.tta.audit.review.access.Access;
import org.tta.platform.security.Roles;

/** Who is reading, from the verified token and the request. */
public final class Readers {

    private static final String REVIEWER = "ROLE_" + Roles.CLINICAL_REVIEWER;

    private Readers() {
    }

    public static Access.Reader of(Authentication caller, HttpServletRequest request) {
        String clientId = null;
        if (caller instanceof JwtAuthenticationToken jwt) {
            clientId = jwt.getToken().getClaimAsString("azp");
            if (clientId == null) {
                clientId = jwt.getToken().getClaimAsString("client_id");
            }
        }
        return new Access.Reader(caller.getName(), role(caller), clientId, request.getRemoteAddr(),
                traceId(request.getHeader("traceparent")));
    }

    public static boolean mayReadContent(Authentication caller) {
        return ContentAccess.mayReadContent(caller);
    }

    private static String role(Authentication caller) {
        boolean reviewer = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(REVIEWER::equals);
        return reviewer ? Roles.CLINICAL_REVIEWER : Roles.OPS;
    }

    /** The trace id of a well-formed W3C {@code traceparent}, else {@code null}. */
    static String traceId(String traceparent) {
        if (traceparent == null || !traceparent.matches("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")) {
            return null;
        }
        return traceparent.substring(3, 35);
    }
}
