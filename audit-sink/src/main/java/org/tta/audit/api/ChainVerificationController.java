package org.tta.audit.api;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tta.audit.chain.ChainVerification;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.review.QueryParameters;
import org.tta.audit.review.Readers;
import org.tta.audit.review.access.Access;
import org.tta.audit.review.access.AccessLog;

/**
 * {@code GET /api/v1/audit/sessions/{id}/verify?reason=...}: recomputes a session's hash chain and reports the
 * first broken link and the check against the latest signed checkpoint. Metadata only (the hashes cover
 * ciphertext), so clinical reviewers and operators may both call it.
 *
 * <p>Like every read of the trail it needs a {@code reason} and is recorded as {@code audit.accessed}
 * (resource {@code audit.verify}) in the session's own chain before the chain is read; if that record cannot be
 * stored the answer is 503 and nothing is read. The verification therefore always covers its own access record,
 * and a session never read before has a chain of exactly that one record.
 */
@RestController
@RequestMapping("/api/v1/audit/sessions")
class ChainVerificationController {

    static final String RESOURCE = "audit.verify";
    static final Set<String> PARAMETERS = Set.of("reason");

    private final ChainVerifier verifier;
    private final AccessLog accessLog;

    ChainVerificationController(ChainVerifier verifier, AccessLog accessLog) {
        this.verifier = verifier;
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/{sessionId}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    SessionVerificationView verify(@PathVariable("sessionId") String id, HttpServletRequest request,
            Authentication caller) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
        String sessionId = parameters.pathSessionId(id);
        String reason = parameters.reason();
        parameters.validate();
        String accessId = accessLog.record(new Access(Readers.of(caller, request), RESOURCE, sessionId, Map.of(),
                reason));
        ChainVerification verification = verifier.verifySession(sessionId)
                .orElseThrow(() -> new IllegalStateException("The chain holds no record, not even this access"));
        return SessionVerificationView.of(sessionId, verification, accessId);
    }

    /** The answer: {@code verified} is the one flag a badge needs; {@code accessId} is this read's own record. */
    record SessionVerificationView(String sessionId, boolean verified, long records, long firstSeq, long headSeq,
            String headHash, ChainVerification.BrokenLink firstBrokenLink, ChainVerification.CheckpointCheck checkpoint,
            String accessId) {

        static SessionVerificationView of(String sessionId, ChainVerification v, String accessId) {
            return new SessionVerificationView(sessionId, v.intact(), v.records(), v.firstSeq(), v.headSeq(), v.headHash(),
                    v.firstBrokenLink(), v.checkpoint(), accessId);
        }
    }
}
