package org.tta.gateway.web;

import java.util.function.Predicate;

/**
 * The header name and value rules of Spring Security's {@code StrictServerWebExchangeFirewall} (every code point
 * assigned and not an ISO control character; in values a tab is allowed too), as a loop over the code points
 * instead of its regular expressions {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. The firewall checks every header it hands out, several per
 * request; the regular expressions were a visible share of the ingress profile. Same verdict for every string
 * ({@code HeaderCharactersTest} compares them).
 */
public final class HeaderCharacters {

    /** Allowed header names. */
    public static final Predicate<String> NAMES = name -> allowed(name, false);
    /** Allowed header values. */
    public static final Predicate<String> VALUES = value -> allowed(value, true);

    private HeaderCharacters() {
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true; // an absent header (the firewall checks what getFirst returns), as Spring Security's predicates answer
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint >= 0x20 && codePoint < 0x7F) {
                i++;
                continue; // printable ASCII: the common case, assigned and not a control character
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
