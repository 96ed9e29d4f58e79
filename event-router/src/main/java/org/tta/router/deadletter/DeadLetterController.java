package org.tta.router.deadletter;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tta.platform.problem.ProblemTypes;
import org.tta.platform.security.Roles;
import org.tta.schemas.payload.AuditActions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The ops API on dead letters (role {@code ops}; every call audited):
 * {@code GET /api/v1/dead-letters?subscription=&limit=} lists them (metadata only, never data),
 * {@code POST /api/v1/dead-letters/redrive} redelivers a selection to its subscription.
 */
@RestController
class DeadLetterController {

    static final String PATH = "/api/v1/dead-letters";
    private static final int MAX_LIMIT = 1000;

    private final DeadLetterStore store;
    private final Redriver redriver;
    private final DeadLetterAudit audit;

    DeadLetterController(DeadLetterStore store, Redriver redriver, DeadLetterAudit audit) {
        this.store = store;
        this.redriver = redriver;
        this.audit = audit;
    }

    /** Body of a redrive: the subscription, and optionally which letters (default: the oldest {@code limit}). */
    record RedriveRequest(String subscription, List<Redriver.Coordinates> letters, Integer limit) {
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> list(@RequestParam(required = false) String subscription,
            @RequestParam(defaultValue = "100") int limit, JwtAuthenticationToken auth) {
        if (!isOps(auth)) {
            return Mono.just(problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Dead letters are for the ops role"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "limit is 1 to " + MAX_LIMIT));
        }
        return Mono.fromCallable(() -> store.find(subscription, limit).stream().map(DeadLetterStore::describe).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(letters -> audit.record(auth, AuditActions.DEAD_LETTERS_READ, subscription, null)
                        .thenReturn(ResponseEntity.ok().body((Object) Map.of("deadLetters", letters))));
    }

    @PostMapping(path = PATH + "/redrive", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> redrive(@RequestBody RedriveRequest request, JwtAuthenticationToken auth) {
        if (!isOps(auth)) {
            return Mono.just(problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Redrive is for the ops role"));
        }
        int limit = request.limit() == null ? 100 : request.limit();
        if (request.subscription() == null || request.subscription().isBlank() || limit < 1 || limit > MAX_LIMIT) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED,
                    "subscription is required and limit is 1 to " + MAX_LIMIT));
        }
        return Mono.fromCallable(() -> redriver.redrive(request.subscription(), request.letters(), limit))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(result -> result.<Mono<ResponseEntity<?>>>map(r -> audit
                                .redriven(auth, request.subscription(), r.letters())
                                .thenReturn(ResponseEntity.ok().body(Map.of("redriven", r.redriven(), "failedAgain", r.failed()))))
                        .orElseGet(() -> Mono.just(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                                "No subscription has this id"))));
    }

    private static boolean isOps(JwtAuthenticationToken auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.OPS));
    }

    private static ResponseEntity<?> problem(HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
