package org.tta.audit.phi;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.tta.platform.security.Roles;

/** Who may see message text: clinical reviewers only; operators see metadata. */
public final class ContentAccess {

    private static final String CONTENT_READER = "ROLE_" + Roles.CLINICAL_REVIEWER;

    private ContentAccess() {
    }

    public static boolean mayReadContent(Authentication caller) {
        return caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(CONTENT_READER::equals);
    }
}
