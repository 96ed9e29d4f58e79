package org.tta.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.UUID;

/** The issuer's RSA key, and a look-alike key with the same kid for forgery tests. */
final class SigningKeys {

    private final RSAKey signing;
    private volatile RSAKey foreign;

    private SigningKeys(RSAKey signing) {
        this.signing = signing;
    }

    static SigningKeys generate() {
        return new SigningKeys(newKey(UUID.randomUUID().toString()));
    }

    RSAKey signing() {
        return signing;
    }

    /** Generated on first use: most issuers never forge anything and 2048-bit key generation is not free. */
    RSAKey foreign() {
        RSAKey key = foreign;
        if (key == null) {
            synchronized (this) {
                key = foreign;
                if (key == null) {
                    key = newKey(signing.getKeyID());
                    foreign = key;
                }
            }
        }
        return key;
    }

    JWKSet publicJwks() {
        return new JWKSet(signing.toPublicJWK());
    }

    private static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }
}
