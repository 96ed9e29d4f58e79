package org.tta.safety.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tta.platform.security.Roles;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.payload.SafetyEscalation;
import reactor.core.publisher.Mono;

/**
 * The escalation lifecycle API. Reads come from the {@link EscalationReadModel}. Acknowledge and resolve are
 * checked against it (404 unknown, 409 when the state does not allow the step), written as a command to the
 * session's partition, and answered 202 once Kafka holds the command: the stream task owning the session applies
 * it exactly once, and {@code GET} shows the new state when it has (usually within a commit interval). A command
 * that a concurrent one made invalid meanwhile is refused there and audited as denied.
 */
@RestController
@RequestMapping("/api/v1/escalations")
class EscalationsController {

    private static final Set<String> STATES = Set.of(SafetyEscalation.STATE_OPEN, SafetyEscalation.STATE_ACKNOWLEDGED,
            SafetyEscalation.STATE_RESOLVED);
    private static final Set<String> ROUTES = Set.of(SafetyEscalation.ROUTE_PAGE, SafetyEscalation.ROUTE_REVIEW);

    private final EscalationReadModel views;
    private final CommandPublisher commands;
    private final Clock clock;

    EscalationsController(EscalationReadModel views, CommandPublisher commands, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.clock = clock;
    }

    /** {@code ?state=open|acknowledged|resolved&route=page|review}, each optional. */
    @GetMapping
    List<EscalationView> list(@RequestParam(required = false) String state, @RequestParam(required = false) String route) {
        if (state != null && !STATES.contains(state)) {
            throw new ApiProblems.InvalidParameter("state", "must be open, acknowledged or resolved");
        }
        if (route != null && !ROUTES.contains(route)) {
            throw new ApiProblems.InvalidParameter("route", "must be page or review");
        }
        return views.list(state, route);
    }

    @GetMapping("/{id}")
    EscalationView get(@PathVariable String id) {
        return views.find(id).orElseThrow(() -> new ApiProblems.EscalationNotFound(id));
    }

    @PostMapping("/{id}/acknowledge")
    Mono<ResponseEntity<CommandAccepted>> acknowledge(@PathVariable String id, Authentication caller) {
        EscalationView view = get(id);
        if (!SafetyEscalation.STATE_OPEN.equals(view.state())) {
            throw new ApiProblems.StateConflict(id, view.state(), EscalationCommand.ACKNOWLEDGE);
        }
        return submit(view, EscalationCommand.ACKNOWLEDGE, null, caller);
    }

    @PostMapping("/{id}/resolve")
    Mono<ResponseEntity<CommandAccepted>> resolve(@PathVariable String id, @Valid @RequestBody ResolveRequest body,
            Authentication caller) {
        EscalationView view = get(id);
        if (SafetyEscalation.STATE_RESOLVED.equals(view.state())) {
            throw new ApiProblems.StateConflict(id, view.state(), EscalationCommand.RESOLVE);
        }
        return submit(view, EscalationCommand.RESOLVE, body.note(), caller);
    }

    private Mono<ResponseEntity<CommandAccepted>> submit(EscalationView view, String action, String note,
            Authentication caller) {
        EscalationCommand command = new EscalationCommand(EventIds.newId(), view.escalationId(), view.sessionId(), action,
                caller.getName(), roleOf(caller), note, clock.instant());
        URI location = URI.create("/api/v1/escalations/" + view.escalationId());
        return commands.publish(command).thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).location(location)
                .body(new CommandAccepted(command.commandId(), view.escalationId(), action)));
    }

    /** The role the caller acts in: the clinical reviewer role when held, otherwise therapist. */
    private static String roleOf(Authentication caller) {
        boolean reviewer = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + Roles.CLINICAL_REVIEWER)::equals);
        return reviewer ? Roles.CLINICAL_REVIEWER : Roles.THERAPIST;
    }

    /** The body of a resolve request; the note is clinical content (PHI): it goes to the audit trail only. */
    record ResolveRequest(@NotBlank @Size(max = 4000) String note) {
        @Override
        public String toString() {
            return "ResolveRequest[note=<redacted>]";
        }
    }

    /** The 202 answer: the command is durably queued for the escalation. */
    record CommandAccepted(String commandId, String escalationId, String action) {
    }
}
