package org.tta.gateway.subscription;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tta.gateway.identity.Caller;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.subscription.Subscription;
import org.tta.schemas.subscription.SubscriptionRules;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/**
 * The subscriptions API after the CloudEvents Subscriptions API (scope {@code events:subscribe},
 * checked by the security configuration). A caller sees and deletes only its own subscriptions;
 * another owner's id answers 404, as an unknown one does. {@code sinkcredential} is write-only.
 */
@RestController
class SubscriptionController {

    static final String SUBSCRIPTIONS = "/api/v1/subscriptions";

    private final SubscriptionStore store;
    private final PayloadValidator validator = PayloadValidator.standard();

    SubscriptionController(SubscriptionStore store) {
        this.store = store;
    }

    @Operation(summary = "Create a subscription (a service with events:subscribe)")
    @ApiResponse(responseCode = "201", description = "created; the body never shows sinkcredential")
    @ApiResponse(responseCode = "400", description = "validation-failed: unsupported filter dialect or sink scheme, bad setting")
    @PostMapping(path = SUBSCRIPTIONS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(@RequestBody(required = false) byte[] body, JwtAuthenticationToken authentication) {
        String owner = ownerOf(authentication);
        return Mono.fromCallable(() -> checked(validator.readValid(PayloadSchema.SUBSCRIPTION,
                        body == null ? new byte[0] : body, Subscription.class), owner))
                .flatMap(store::put)
                .map(created -> ResponseEntity.created(URI.create(SUBSCRIPTIONS + "/" + created.id()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(json(created.withoutCredential())));
    }

    @Operation(summary = "List the caller's subscriptions")
    @GetMapping(path = SUBSCRIPTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> list(JwtAuthenticationToken authentication) {
        List<Subscription> mine = store.ownedBy(ownerOf(authentication)).stream()
                .sorted(Comparator.comparing(Subscription::id)).map(Subscription::withoutCredential).toList();
        return Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(mine)));
    }

    @Operation(summary = "Read one of the caller's subscriptions")
    @ApiResponse(responseCode = "404", description = "not-found: no subscription of the caller has this id")
    @GetMapping(path = SUBSCRIPTIONS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> get(@PathVariable String id, JwtAuthenticationToken authentication) {
        return Mono.fromCallable(() -> owned(id, ownerOf(authentication)))
                .map(s -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(s.withoutCredential())));
    }

    @Operation(summary = "Delete one of the caller's subscriptions")
    @ApiResponse(responseCode = "204", description = "deleted (a tombstone on tta.subscriptions.v1)")
    @DeleteMapping(path = SUBSCRIPTIONS + "/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String id, JwtAuthenticationToken authentication) {
        return Mono.fromCallable(() -> owned(id, ownerOf(authentication)))
                .flatMap(s -> store.delete(s.id()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Subscription owned(String id, String owner) {
        return store.get(id).filter(s -> owner.equals(s.owner())).orElseThrow(SubscriptionNotFoundException::new);
    }

    private static Subscription checked(Subscription requested, String owner) {
        Subscription subscription = requested.withIdAndOwner(EventIds.newId(), owner);
        List<SubscriptionRules.Problem> problems = SubscriptionRules.check(subscription);
        if (!problems.isEmpty()) {
            throw new InvalidSubscriptionException(problems);
        }
        return subscription.protocol() == null
                ? subscription.withProtocol(SubscriptionRules.protocolOf(subscription.sink())) : subscription;
    }

    // The owner is the service's client id when the token names one, else the token subject.
    private static String ownerOf(JwtAuthenticationToken authentication) {
        Caller caller = Caller.of(authentication);
        return caller.clientId() != null ? caller.clientId() : caller.subject();
    }

    private static String json(Object value) {
        return TtaJson.mapper().writeValueAsString(value);
    }
}
