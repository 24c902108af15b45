package dev.shop.gateway;

import dev.shop.testing.Management;
import dev.shop.testing.Metrics;
import dev.shop.testing.Readiness;
import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway on its own, every backend pointing at a port where nothing listens: what it decides
 * by itself (routes, tokens, problems) and how it fails when a backend is missing.
 */
@QuarkusTest
@TestProfile(GatewayTest.NoBackends.class)
class GatewayTest {

    public static class NoBackends implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = Integer.toString(closedPort());
            return Map.of("shop.backend.catalog.port", nowhere, "shop.backend.users.port", nowhere,
                    "shop.backend.orders.port", nowhere);
        }
    }

    /**
     * Answers are counted by the backend that owns the route, the gateway's own 503 included; the
     * request timers name the path's template, never the path a client sent, so that clients cannot
     * make series without end.
     */
    @Test
    void answersAreCountedByBackendAndTimedByTemplate() {
        String unavailable = "shop_gateway_answers_total{backend=\"catalog-service\",status=\"503\"}";
        double before = Metrics.value(unavailable);
        given().when().get("/api/products/4242").then().statusCode(503);
        given().when().get("/api/products/4343").then().statusCode(503);
        given().when().get("/api/no-such-api-4444").then().statusCode(404);
        assertEquals(before + 2, Metrics.value(unavailable));

        String exposition = Management.request().when().get("/q/metrics").then().extract().asString();
        assertTrue(exposition.contains("uri=\"/api/products/{id}\""), "the template");
        assertTrue(exposition.contains("uri=\"/api/{unrouted}\""), "paths no route serves, as one");
        // In a tag's value, not anywhere: a sample's value (a sum, a start time) may hold the same digits.
        for (String path : new String[] {"4242", "4343", "4444"}) {
            assertFalse(java.util.regex.Pattern.compile("=\"[^\"]*" + path + "[^\"]*\"").matcher(exposition).find(),
                    "a path a client sent, as a tag: " + path);
        }
    }

    @Test
    void internalAndUnknownApisAre404Problems() {
        for (String path : new String[] {"/api/inventory/reservations", "/api/nothing", "/api"}) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .header("X-Served-By", startsWith("gateway/"));
        }
    }

    @Test
    void aTokenIsNeededForOrdersAndMustBeValid() {
        given().when().get("/api/orders").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("forged").when().get("/api/orders").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("someone")).when().get("/api/orders").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByAnotherKey("someone")).when().get("/api/users/me")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.customer()).contentType("application/json").body("{}")
                .when().delete("/api/products/1").then().statusCode(503);
    }

    @Test
    void publicReadsAndRegistrationNeedNoToken() {
        given().when().get("/api/products").then().statusCode(503);
        given().contentType("application/json").body("{}").when().post("/api/users").then().statusCode(503);
    }

    @Test
    void aMissingBackendIsA503ProblemAtOnce() {
        // The first request also loads the token verification and the proxy's classes: time the next.
        given().auth().oauth2(TestTokens.customer()).when().get("/api/orders").then().statusCode(503);
        long started = System.nanoTime();
        Response response = given().auth().oauth2(TestTokens.customer()).when().get("/api/orders");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:unavailable"))
                .body("detail", startsWith("order-service"));
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
    }

    @Test
    void theGatewayIsReadyWithoutItsBackends() {
        Readiness.await();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
