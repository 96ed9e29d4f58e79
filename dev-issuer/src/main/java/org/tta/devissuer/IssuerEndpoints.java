package org.tta.devissuer;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes the issuer's three endpoints by exact path; everything else is a problem+json 404. */
final class IssuerEndpoints implements HttpHandler {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/jwks";
    static final String TOKEN_PATH = "/dev/token";

    private final DevIssuer issuer;
    private final String discoveryJson;
    private final String jwksJson;

    IssuerEndpoints(DevIssuer issuer, SigningKeys keys) {
        this.issuer = issuer;
        this.discoveryJson = JSONObjectUtils.toJSONString(discovery(issuer));
        this.jwksJson = JSONObjectUtils.toJSONString(keys.publicJwks().toJSONObject(true));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                problem(exchange, 405, "method-not-allowed", "Method not allowed", "only GET is served");
            } else if (DISCOVERY_PATH.equals(path)) {
                send(exchange, 200, "application/json", discoveryJson);
            } else if (JWKS_PATH.equals(path)) {
                send(exchange, 200, "application/jwk-set+json", jwksJson);
            } else if (TOKEN_PATH.equals(path) && issuer.settings().tokenEndpointEnabled()) {
                mintToken(exchange);
            } else {
                problem(exchange, 404, "not-found", "Not found", "no such endpoint: " + path);
            }
        }
    }

    private void mintToken(HttpExchange exchange) throws IOException {
        TokenRequest request;
        try {
            request = TokenRequest.parse(exchange.getRequestURI().getRawQuery(), issuer.settings());
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "bad-token-request", "Bad token request", e.getMessage());
            return;
        }
        String token = issuer.token(request.subject())
                .roles(request.roles().toArray(String[]::new))
                .scopes(request.scopes().toArray(String[]::new))
                .audience(request.audience())
                .expiresIn(request.ttl())
                .sign();
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "text/plain; charset=utf-8", token);
    }

    private static Map<String, Object> discovery(DevIssuer issuer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer.issuerUri().toString());
        document.put("jwks_uri", issuer.jwksUri().toString());
        if (issuer.settings().tokenEndpointEnabled()) {
            document.put("token_endpoint", issuer.issuerUri() + TOKEN_PATH);
        }
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("token"));
        return document;
    }

    private static void problem(HttpExchange exchange, int status, String kind, String title, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:tta:problem:dev-issuer:" + kind);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, "application/problem+json", JSONObjectUtils.toJSONString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
