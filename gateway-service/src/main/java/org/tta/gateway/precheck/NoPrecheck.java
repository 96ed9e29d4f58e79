package org.tta.gateway.precheck;

import org.springframework.stereotype.Component;

/** TEMPORARY pass-through until the policy rule set lands (issue 3); must not survive that work. */
@Component
class NoPrecheck implements ContentPrecheck {

    @Override
    public PrecheckVerdict check(String text) {
        return PrecheckVerdict.ALLOW;
    }
}
