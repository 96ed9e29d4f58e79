package org.tta.standalone;

import org.tta.devissuer.DevIssuer;

/** What the standalone prints once it is ready: where everything is and how to try it. */
final class Banner {

    private Banner() {
    }

    static String text(StandaloneSettings s, DevIssuer issuer) {
        return """

                ==================================================================
                 TTA gateway, embedded default: ready
                   gateway        http://localhost:%1$d
                   event-router   http://localhost:%2$d/actuator/health
                   safety-worker  http://localhost:%3$d/actuator/health
                   audit-sink     http://localhost:%4$d
                   kafka          localhost:%5$d
                   dev issuer     %6$s  (standalone only)

                 Try it:
                   THERAPIST=$(curl -s '%6$s/dev/token?sub=theo&roles=therapist')
                   TOKEN=$(curl -s '%6$s/dev/token?sub=alice&roles=patient')
                   SESSION=$(curl -s -X POST http://localhost:%1$d/api/v1/sessions \\
                        -H "Authorization: Bearer $THERAPIST" -H 'Content-Type: application/json' \\
                        -d '{"participants":[{"subject":"alice","role":"patient"}]}' | sed -E 's/.*"id":"([^"]+)".*/\\1/')
                   curl -i -X POST http://localhost:%1$d/api/v1/sessions/$SESSION/messages \\
                        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                        -d '{"text":"Hello from the standalone"}'
                   REVIEWER=$(curl -s '%6$s/dev/token?sub=rita&roles=clinical_reviewer')
                   curl -s "http://localhost:%4$d/api/v1/audit/records?sessionId=$SESSION" \\
                        -H "Authorization: Bearer $REVIEWER"
                ==================================================================
                """.formatted(s.gatewayPort(), s.routerPort(), s.safetyPort(), s.auditPort(), s.kafkaPort(),
                issuer.issuerUri());
    }
}
