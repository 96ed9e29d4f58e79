package org.tta.testkit;

import java.time.Duration;
import org.tta.devissuer.DevIssuer;
import org.tta.devissuer.TokenBuilder;

/**
 * Compact JWTs from the test issuer of {@link TestInfrastructure}. The bad ones carry the patient role, so that
 * the one defect named in the method is the only reason to reject them.
 */
public final class Tokens {

    /** An issuer no TTA service trusts. */
    public static final String FOREIGN_ISSUER = "https://issuer.invalid/realms/elsewhere";
    /** An audience that is not the TTA platform's. */
    public static final String FOREIGN_AUDIENCE = "another-platform";

    private Tokens() {
    }

    /** A builder with the issuer's default claims, for anything the factories below do not cover. */
    public static TokenBuilder builder(String sub) {
        return issuer().token(sub);
    }

    public static String aPatient(String sub) {
        return builder(sub).roles("patient").sign();
    }

    public static String aTherapist(String sub) {
        return builder(sub).roles("therapist").sign();
    }

    public static String aReviewer(String sub) {
        return builder(sub).roles("clinical_reviewer").sign();
    }

    public static String anOperator(String sub) {
        return builder(sub).roles("ops").sign();
    }

    public static String anAdmin(String sub) {
        return builder(sub).roles("admin").sign();
    }

    /** A client-credentials token: no roles claim, the given scopes, and sub = client_id = azp = clientId. */
    public static String aService(String clientId, String... scopes) {
        return builder(clientId)
                .claim(issuer().settings().rolesClaim(), null)
                .scopes(scopes)
                .claim("client_id", clientId)
                .claim("azp", clientId)
                .sign();
    }

    /** Expired ten minutes ago, beyond any usual clock-skew allowance. */
    public static String anExpiredToken(String sub) {
        return builder(sub).roles("patient").expiredAgo(Duration.ofMinutes(10)).sign();
    }

    /** Signed with the right key but naming {@link #FOREIGN_ISSUER}. */
    public static String aTokenFromAnotherIssuer(String sub) {
        return builder(sub).roles("patient").issuer(FOREIGN_ISSUER).sign();
    }

    /** Signed with the right key but for {@link #FOREIGN_AUDIENCE}. */
    public static String aTokenForAnotherAudience(String sub) {
        return builder(sub).roles("patient").audience(FOREIGN_AUDIENCE).sign();
    }

    /** Header {@code alg: none}, empty signature. */
    public static String anUnsignedToken(String sub) {
        return builder(sub).roles("patient").unsigned();
    }

    /** Signed by another RSA key that claims the issuer's kid. */
    public static String aForgedToken(String sub) {
        return builder(sub).roles("patient").signWithForeignKey();
    }

    private static DevIssuer issuer() {
        return TestInfrastructure.get().issuer();
    }
}
