package org.tta.gateway.precheck;

import java.util.List;

/**
 * The policy file as written (see {@code policy/content-policy.v1.yaml}); {@link ContentPolicyLoader}
 * validates and compiles it.
 *
 * @param version the file format version; 1
 * @param name    a name for logs and operators
 * @param rules   the rules in the order they are tried
 */
record PolicyFile(Integer version, String name, List<Rule> rules) {

    /**
     * One rule as written.
     *
     * @param id          stable id, shown to clients in a 422 and used as a metric tag
     * @param action      {@code reject} or {@code crisis}
     * @param category    the kind of content
     * @param description why the rule exists
     * @param phrases     word sequences matched on the folded view
     * @param patterns    Java regular expressions matched on the plain view
     * @param requires    strings of which the plain view must contain one before the patterns are tried
     *                    (a cheap filter: most messages hold no digit, '@' or link); empty: always tried
     */
    record Rule(String id, String action, String category, String description, List<String> phrases,
                List<String> patterns, List<String> requires) {
    }
}
