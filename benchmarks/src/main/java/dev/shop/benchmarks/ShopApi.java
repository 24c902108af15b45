package dev.shop.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the benchmarks ask of the shop, through its gateway: tokens, products, stock. */
final class ShopApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI gateway;

    ShopApi(URI gateway) {
        this.gateway = gateway;
    }

    String newCustomerToken() {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        send("POST", "/api/users", null, Map.of("email", email, "password", "a benchmark password", "name", "Bench"), 201);
        return login(email, "a benchmark password");
    }

    String login(String email, String password) {
        return send("POST", "/api/auth/login", null, Map.of("email", email, "password", password), 200).get("accessToken").asText();
    }

    List<Long> productIds() {
        List<Long> ids = new ArrayList<>();
        send("GET", "/api/products?size=100", null, null, 200).get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    int stock(long product) {
        return send("GET", "/api/products/" + product, null, null, 200).get("stock").asInt();
    }

    void setStock(String adminToken, long product, int stock) {
        ObjectNode replacement = (ObjectNode) send("GET", "/api/products/" + product, null, null, 200);
        replacement.remove("id");
        replacement.put("stock", stock);
        send("PUT", "/api/products/" + product, adminToken, replacement, 200);
    }

    /** How many of this customer's orders are in each status (CONFIRMED, REJECTED, PENDING...), as order-service has them. */
    Map<String, Long> orderStatuses(String token) {
        Map<String, Long> statuses = new java.util.TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode listing = send("GET", "/api/orders?size=100&page=" + page, token, null, 200);
            listing.get("items").forEach(o -> statuses.merge(o.get("status").asText(), 1L, Long::sum));
            if (page + 1 >= listing.get("totalPages").asInt()) {
                return statuses;
            }
        }
    }

    /** As {@link #attempt}, again for up to 15 s while the gateway answers 503: a breaker a saturation run opened. */
    private JsonNode send(String method, String path, String token, Object body, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return attempt(method, path, token, body, expected);
            } catch (Unavailable e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(method + " " + path + " answered 503 for 15 s", e);
                }
                pause();
            }
        }
    }

    private static final class Unavailable extends RuntimeException {
    }

    private JsonNode attempt(String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503 && expected != 503) {
                throw new Unavailable();
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
