package org.tta.schemas.subscription;

import io.cloudevents.CloudEvent;

/**
 * A compiled CloudEvents Subscriptions API filter expression. Immutable and thread-safe.
 * {@link Filters#compile} builds one from its JSON form.
 */
@FunctionalInterface
public interface Filter {

    /** Matches everything: the filter of a subscription without filters. */
    Filter ALWAYS = event -> true;

    boolean matches(CloudEvent event);
}
