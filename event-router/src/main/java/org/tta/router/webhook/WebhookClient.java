package org.tta.router.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;

import io.cloudevents.CloudEvent;
import org.tta.router.config.RouterProperties.InsecureHttp;

/**
 * Sends one CloudEvent to a webhook in CloudEvents HTTP binary mode ({@code ce-*} headers, the
 * data as the body), signed per Standard Webhooks. Blocking: call it from a virtual thread.
 * The response body is discarded unread beyond what the client buffers: it is never logged.
 */
final class WebhookClient {

    private final HttpClient http;
    private final InsecureHttp allowHttp;
    private final Clock clock;

    WebhookClient(InsecureHttp allowHttp, Clock clock) {
        this.allowHttp = allowHttp;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** Whether this router may call the sink at all (plain HTTP only where configuration allows). */
    boolean allowed(URI sink) {
        String scheme = sink.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        return switch (allowHttp) {
            case ANY -> true;
            case NONE -> false;
            case LOOPBACK -> isLoopback(sink.getHost());
        };
    }

    /** One attempt; {@code traceparent} (nullable) continues the trace of the routed record at the receiver. */
    Attempt send(URI sink, String secret, String webhookId, CloudEvent event, Duration timeout, String traceparent)
            throws InterruptedException {
        byte[] body = event.getData() == null ? new byte[0] : event.getData().toBytes();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(sink)
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.sign(secret, webhookId, timestamp, body));
            binaryModeHeaders(event, builder);
            if (traceparent != null) {
                builder.header("traceparent", traceparent);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return new Attempt(-1, "unsendable-event", null);
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Attempt(response.statusCode(), response.statusCode() / 100 == 2 ? null : "http-" + response.statusCode(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        } catch (HttpConnectTimeoutException e) {
            return Attempt.failed("connect-timeout");
        } catch (HttpTimeoutException e) {
            return Attempt.failed("timeout");
        } catch (ConnectException e) {
            return Attempt.failed("connection-refused");
        } catch (IOException e) {
            return Attempt.failed("io-error");
        }
    }

    private static void binaryModeHeaders(CloudEvent event, HttpRequest.Builder builder) {
        builder.header("ce-specversion", event.getSpecVersion().toString())
                .header("ce-id", event.getId())
                .header("ce-source", event.getSource().toString())
                .header("ce-type", event.getType());
        if (event.getSubject() != null) {
            builder.header("ce-subject", event.getSubject());
        }
        if (event.getTime() != null) {
            builder.header("ce-time", event.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        if (event.getDataSchema() != null) {
            builder.header("ce-dataschema", event.getDataSchema().toString());
        }
        if (event.getDataContentType() != null) {
            builder.header("Content-Type", event.getDataContentType());
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                builder.header("ce-" + name, value.toString());
            }
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
