package org.tta.audit.api;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tta.audit.chain.ChainVerification;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.web.Problems;
import org.tta.platform.problem.ProblemTypes;

/**
 * {@code GET /api/v1/audit/sessions/{id}/verify}: recomputes a session's hash chain and reports the
 * first broken link and the check against the latest signed checkpoint. Metadata only (the hashes
 * cover ciphertext), so clinical reviewers and operators may both call it.
 */
@RestController
@RequestMapping("/api/v1/audit/sessions")
class ChainVerificationController {

    /** The session id rule of the schemas ({@code common.v1.json#/$defs/sessionId}). */
    static final String SESSION_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    private final ChainVerifier verifier;

    ChainVerificationController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping(path = "/{sessionId}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> verify(@PathVariable @Pattern(regexp = SESSION_ID) String sessionId) {
        return verifier.verifySession(sessionId)
                .<ResponseEntity<?>>map(v -> ResponseEntity.ok(SessionVerificationView.of(sessionId, v)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(notFound()));
    }

    private static ProblemDetail notFound() {
        return Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No audit records are stored for this session");
    }

    /** The answer: {@code verified} is the one flag a badge needs. */
    record SessionVerificationView(String sessionId, boolean verified, long records, long firstSeq, long headSeq,
            String headHash, ChainVerification.BrokenLink firstBrokenLink, ChainVerification.CheckpointCheck checkpoint) {

        static SessionVerificationView of(String sessionId, ChainVerification v) {
            return new SessionVerificationView(sessionId, v.intact(), v.records(), v.firstSeq(), v.headSeq(), v.headHash(),
                    v.firstBrokenLink(), v.checkpoint());
        }
    }
}
