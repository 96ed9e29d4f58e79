package org.tta.system.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tta.system.harness.ServiceProcess;

/**
 * Posts one message and retries it until the gateway answers it for good: on 503 after its
 * {@code Retry-After}, on 409 idempotency-in-progress and on no answer at all (on the other gateway),
 * always with the same {@code Idempotency-Key}. Every answer is counted in {@link Responses}.
 */
public final class MessageClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> gateways;
    private final Responses responses;
    private final AtomicInteger next = new AtomicInteger();

    public MessageClient(List<ServiceProcess> gateways, Responses responses) {
        this.gateways = gateways;
        this.responses = responses;
    }

    /** The event id of the 202, or empty if {@code running} turned false first. */
    public Optional<String> post(String sessionId, String token, String text, BooleanSupplier running) {
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"" + text + "\"}";
        int gateway = Math.floorMod(next.getAndIncrement(), gateways.size());
        while (running.getAsBoolean()) {
            ServiceProcess target = gateways.get(gateway);
            long backoff;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                target.uri("/api/v1/sessions/" + sessionId + "/messages")).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202) {
                    responses.count(Responses.Kind.ACCEPTED);
                    return Optional.of(find(ID, response.body()));
                }
                Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                if (status == 503 && retryAfter.isPresent()) {
                    responses.count(Responses.Kind.UNAVAILABLE_WITH_RETRY_AFTER);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, Long.parseLong(retryAfter.get().trim()) * 1000);
                } else if (status == 409 && response.body().contains("idempotency-in-progress")) {
                    responses.count(Responses.Kind.IN_PROGRESS);
                    backoff = 500;
                } else {
                    responses.violation(kindOf(status), status, find(TYPE, response.body()));
                    return Optional.empty();
                }
            } catch (java.io.IOException e) {
                responses.count(Responses.Kind.NO_ANSWER);
                gateway = (gateway + 1) % gateways.size();
                backoff = 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            sleep(backoff);
        }
        return Optional.empty();
    }

    /** Sends input that must be refused with a 4xx; anything else is a violation. Never retried. */
    public void postBadInput(String sessionId, String token) {
        ServiceProcess target = gateways.get(Math.floorMod(next.getAndIncrement(), gateways.size()));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            target.uri("/api/v1/sessions/" + sessionId + "/messages")).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"\",\"unknown\":[")).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 400 && status < 500) {
                responses.count(Responses.Kind.BAD_INPUT_REFUSED);
            } else if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                responses.count(Responses.Kind.UNAVAILABLE_WITH_RETRY_AFTER);
            } else {
                responses.violation(status == 202 ? Responses.Kind.OTHER : kindOf(status), status,
                        status == 202 ? "bad input accepted" : find(TYPE, response.body()));
            }
        } catch (java.io.IOException e) {
            responses.count(Responses.Kind.NO_ANSWER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates a session through the first gateway that answers; returns its id. */
    public String createSession(String therapistToken, List<String> patients) {
        StringBuilder participants = new StringBuilder();
        for (String patient : patients) {
            participants.append(participants.isEmpty() ? "" : ",")
                    .append("{\"subject\":\"").append(patient).append("\",\"role\":\"patient\"}");
        }
        String body = "{\"title\":\"system test\",\"participants\":[" + participants + "]}";
        for (int attempt = 0; attempt < 20; attempt++) {
            ServiceProcess target = gateways.get(attempt % gateways.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.uri("/api/v1/sessions"))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + therapistToken)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return find(ID, response.body());
                }
            } catch (java.io.IOException e) {
                // the next gateway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(500);
        }
        throw new IllegalStateException("no gateway created a session");
    }

    private static Responses.Kind kindOf(int status) {
        if (status == 503) {
            return Responses.Kind.UNAVAILABLE_WITHOUT_RETRY_AFTER;
        }
        if (status >= 400 && status < 500) {
            return Responses.Kind.CLIENT_ERROR_FOR_GOOD_INPUT;
        }
        return status >= 500 ? Responses.Kind.SERVER_ERROR : Responses.Kind.OTHER;
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "-";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
