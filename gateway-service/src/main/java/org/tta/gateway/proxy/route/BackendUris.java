package org.tta.gateway.proxy.route;

import java.net.URI;

/** Checks a backend base URI: http or https, a host, no user info, no query, no fragment. */
public final class BackendUris {

    private BackendUris() {
    }

    public static URI require(String where, URI uri) {
        boolean ok = uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null && uri.getRawFragment() == null
                && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        if (!ok) {
            throw new IllegalArgumentException(where + ": '" + uri + "' is not an http(s) base URI without user info, query or fragment");
        }
        return uri;
    }

    /** The base URI as a string without a trailing slash. */
    public static String base(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
