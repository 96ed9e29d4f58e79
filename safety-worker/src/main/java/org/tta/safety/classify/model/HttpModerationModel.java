package org.tta.safety.classify.model;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The moderation model over HTTP (JSON contract {@code tta.moderation.v1}):
 *
 * <pre>
 * POST {url}   Content-Type: application/json
 * {"text": "the message"}
 *
 * 200 application/json
 * {"category": "suicidal_ideation", "tier": "high", "score": 0.93}
 * </pre>
 *
 * {@code category} is a {@code Category} wire name, {@code tier} a {@code Tier} wire name, {@code score} in 0..1.
 * Any other status, body or a late answer is a {@link ModelCallException}. The call is bounded by a hard deadline
 * on the whole exchange (a future waited on with a timeout, then cancelled), not only the time to the first byte.
 */
public final class HttpModerationModel implements ModerationModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;

    public HttpModerationModel(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ModelAnswer moderate(String text) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("text", text == null ? "" : text))))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ModelCallException("the model did not answer within " + timeout, true, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for the model", false, e);
        } catch (ExecutionException e) {
            boolean timedOut = e.getCause() instanceof java.net.http.HttpTimeoutException;
            throw new ModelCallException("the model call failed: " + e.getCause().getClass().getSimpleName(), timedOut, e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new ModelCallException("the model answered HTTP " + response.statusCode(), false, null);
        }
        return parse(response.body());
    }

    static ModelAnswer parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            Category category = Category.valueOf(node.required("category").asString().toUpperCase(Locale.ROOT));
            Tier tier = Tier.valueOf(node.required("tier").asString().toUpperCase(Locale.ROOT));
            double score = node.required("score").asDouble();
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("score out of range");
            }
            return new ModelAnswer(category, tier, score);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ModelCallException("the model's answer is not a tta.moderation.v1 answer", false, e);
        }
    }
}
