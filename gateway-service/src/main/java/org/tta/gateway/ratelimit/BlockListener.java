package org.tta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Told when an address is newly put on the block list (for the audit trail). Never fails. */
public interface BlockListener {

    BlockListener NONE = (address, policy) -> Mono.empty();

    /** {@code policy} is what the address overdid: {@code auth-failures} or {@code flood}. */
    Mono<Void> blocked(String address, String policy);
}
