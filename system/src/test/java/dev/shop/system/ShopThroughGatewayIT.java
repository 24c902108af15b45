package dev.shop.system;

import dev.shop.localrun.Service;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole system as real processes, used the way a client would: only through the gateway. */
class ShopThroughGatewayIT {

    /** Its own shop: these tests stop, restart and freeze backends. */
    @RegisterExtension
    static final RunningShop shop = RunningShop.ofItsOwn();

    @Test
    void aCustomersWholeVisit() {
        String email = "visit-" + UUID.randomUUID() + "@example.com";
        shop.through().body(Map.of("email", email, "password", "a good password", "name", "Visitor"))
                .when().post("/api/users")
                .then().statusCode(201)
                .header("Location", startsWith(shop.uri(Service.GATEWAY) + "/api/users/"))
                .header("X-Served-By", startsWith("user-service/"));
        String token = shop.login(email, "a good password");

        shop.through().queryParam("category", "coffee-tea").queryParam("q", "beans")
                .when().get("/api/products")
                .then().statusCode(200)
                .header("X-Served-By", startsWith("catalog-service/"))
                .body("items.category", everyItem(equalTo("coffee-tea")))
                .body("totalItems", greaterThan(0));
        long product = 9;
        int stockBefore = stock(product);

        String orderId = shop.through().auth().oauth2(token).header("Idempotency-Key", "visit-1")
                .body(Map.of("items", List.of(Map.of("productId", product, "quantity", 2))))
                .when().post("/api/orders")
                .then().statusCode(201)
                .header("Location", startsWith(shop.uri(Service.GATEWAY) + "/api/orders/"))
                .header("X-Served-By", startsWith("order-service/"))
                .body("status", equalTo("CONFIRMED"))
                .extract().path("id");
        assertEquals(stockBefore - 2, stock(product));
        // The Idempotency-Key went through: the same request is the same order.
        shop.through().auth().oauth2(token).header("Idempotency-Key", "visit-1")
                .body(Map.of("items", List.of(Map.of("productId", product, "quantity", 2))))
                .when().post("/api/orders")
                .then().statusCode(200).body("id", equalTo(orderId));

        shop.through().auth().oauth2(token).when().get("/api/orders")
                .then().statusCode(200).body("items.id", hasItem(orderId));

        String stranger = shop.newCustomerToken();
        shop.through().auth().oauth2(stranger).when().get("/api/orders/" + orderId)
                .then().statusCode(404).contentType("application/problem+json");

        shop.through().auth().oauth2(token).when().post("/api/orders/" + orderId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(stockBefore, stock(product));
    }

    @Test
    void theInternalApiDoesNotExistFromOutside() {
        String token = shop.newCustomerToken();
        for (String path : List.of("/api/inventory/reservations", "/api/inventory/reservations/" + UUID.randomUUID(),
                "/api/products/../inventory/reservations", "/api/nothing-here", "/api")) {
            shop.through().auth().oauth2(token).body(Map.of())
                    .when().post(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .header("X-Served-By", startsWith("gateway/"));
        }
    }

    @Test
    void badJsonIsA400ProblemFromTheBackend() {
        shop.through().body("{\"email\": ").when().post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString("not valid JSON"));
    }

    @Test
    void missingAndForgedTokensStopAtTheGateway() {
        // order-service is down: a 401 can only come from the gateway itself.
        shop.system().stop(Service.ORDERS);
        try {
            for (String token : List.of("forged.token.value", dev.shop.testing.TestTokens.customer())) {
                shop.through().auth().oauth2(token).when().get("/api/orders")
                        .then().statusCode(401)
                        .contentType("application/problem+json")
                        .header("X-Served-By", startsWith("gateway/"));
            }
            shop.through().when().get("/api/orders")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("X-Served-By", startsWith("gateway/"));
        } finally {
            shop.system().restart(Service.ORDERS);
        }
    }

    @Test
    void aStoppedBackendIsA503WithinTwoSecondsAndComesBack() {
        shop.system().stop(Service.CATALOG);
        try {
            Response response = timed(() -> shop.through().when().get("/api/products/1"));
            assertEquals(503, response.statusCode());
            assertEquals("application/problem+json", response.contentType());
            assertEquals("urn:shop:problem:unavailable", response.path("type"));
            // The other backends are not affected.
            shop.through().when().get("/.well-known/jwks.json").then().statusCode(200);
        } finally {
            shop.system().restart(Service.CATALOG);
        }
        awaitStatus("/api/products/1", 200, Duration.ofSeconds(10));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aHungBackendIsA503WithinTwoSeconds() throws Exception {
        long pid = shop.system().process(Service.CATALOG).orElseThrow().pid();
        signal("STOP", pid);
        try {
            Response response = timed(() -> shop.through().when().get("/api/categories"));
            assertEquals(503, response.statusCode());
        } finally {
            signal("CONT", pid);
        }
        awaitStatus("/api/categories", 200, Duration.ofSeconds(10));
    }

    /**
     * Clients that give up (a load generator stopping, a browser leaving the page) cancel their
     * requests at the gateway; that is not catalog-service failing, so it stays in rotation.
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void clientsHangingUpDoNotTakeTheReplicaOutOfRotation() throws Exception {
        long pid = shop.system().process(Service.CATALOG).orElseThrow().pid();
        URI gateway = shop.uri(Service.GATEWAY);
        List<Socket> clients = new ArrayList<>();
        signal("STOP", pid);
        try {
            for (int i = 0; i < 20; i++) {
                Socket client = new Socket(gateway.getHost(), gateway.getPort());
                client.getOutputStream().write(("GET /api/categories HTTP/1.1\r\nHost: " + gateway.getAuthority()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                clients.add(client);
            }
            sleep(300);
            for (Socket client : clients) {
                client.close();
            }
            sleep(300);
        } finally {
            signal("CONT", pid);
        }
        shop.through().when().get("/api/categories").then().statusCode(200);
    }

    private static Response timed(java.util.function.Supplier<Response> call) {
        long started = System.nanoTime();
        Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "answered after " + took);
        return response;
    }

    private static void awaitStatus(String path, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = shop.through().when().get(path).statusCode();
            if (last == status) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(path + " answered " + last + ", not " + status);
    }

    private static int stock(long productId) {
        return shop.through().when().get("/api/products/" + productId).then().statusCode(200)
                .extract().path("stock");
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
