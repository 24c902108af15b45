package dev.shop.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The shop's public API as the gateway serves it, over the JDK's {@link HttpClient}.
 *
 * <p>Why the JDK client rather than the Vert.x web client: it needs no dependency and no event loop,
 * its asynchronous API is plain {@link CompletableFuture}s, and for HTTP/1.1 it opens another
 * connection whenever every pooled one is busy instead of queueing the request behind a per-host
 * connection limit (Vert.x's pool queues at 5 by default). A queue inside the client would turn the
 * open loop back into a closed one: requests would wait their turn instead of reaching the shop when
 * they are due. The only cap on concurrency is the generator's own {@code --max-in-flight}, and what
 * it turns away is counted as dropped.
 */
final class ShopApi {

    private static final String USER_AGENT = "shop-load-generator";

    private final HttpClient http;
    private final URI target;
    private final Duration timeout;
    private final ObjectMapper json;

    ShopApi(HttpClient http, URI target, Duration timeout, ObjectMapper json) {
        this.http = http;
        this.target = target;
        this.timeout = timeout;
        this.json = json;
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                // Plain HTTP/1.1, as browsers reach the gateway: no h2c upgrade attempt on every connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI target() {
        return target;
    }

    /** GET, reading the body as JSON (or null when it is not). */
    CompletableFuture<Answer> get(String pathAndQuery, Optional<String> token) {
        return send(request(pathAndQuery, token).GET());
    }

    /** GET, reading and discarding the body: what a shopper's browser downloads, without parsing it. */
    CompletableFuture<Integer> getStatus(String pathAndQuery, Optional<String> token) {
        HttpRequest request = request(pathAndQuery, token).GET().build();
        return safely(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
    }

    /** POST, with {@code body} as JSON (none when null), reading the answer as JSON. */
    CompletableFuture<Answer> post(String path, Object body, Optional<String> token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(body)));
        }
        headers.forEach(request::header);
        return send(request);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A response: its status and its body read as JSON (null when empty or not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A problem's detail, or the status alone, for messages. */
        String describe() {
            JsonNode detail = body == null ? null : body.get("detail");
            return detail == null ? String.valueOf(status) : status + " (" + detail.asText() + ")";
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return request;
    }

    private CompletableFuture<Answer> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        return safely(() -> http.sendAsync(built, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), read(response.body()))));
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Failures while starting a request end the future too, never the caller. */
    private static <T> CompletableFuture<T> safely(Supplier<CompletableFuture<T>> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
