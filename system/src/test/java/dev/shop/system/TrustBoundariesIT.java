package dev.shop.system;

import dev.shop.localrun.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, tried from outside as an attacker would and from inside as a wrong caller
 * would, on the whole shop as real processes: each boundary refuses the wrong caller, and a burst
 * of orders right after start gets only real answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustBoundariesIT {

    /** Its own shop: the first test is about the seconds right after it started. */
    @RegisterExtension
    static final RunningShop shop = RunningShop.ofItsOwn();
    /** What 100 orders, 50 at a time, straight to order-service got in the first seconds after ready. */
    static Map<Integer, Integer> burst;
    static Duration burstTook;

    @BeforeAll
    static void orderRightAfterStart() throws Exception {
        // At once: the burst is about the first seconds after every service reported ready.
        String token = shop.newCustomerToken();
        long started = System.nanoTime();
        burst = ordersAtOnce(token, 100, 50);
        burstTook = Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    @Order(1)
    void aBurstOfOrdersRightAfterStartGetsOnlyRealAnswers() {
        System.out.println("Burst after start: " + burst + " in " + burstTook.toMillis() + " ms");
        assertTrue(burstTook.compareTo(Duration.ofSeconds(30)) < 0, "the burst took " + burstTook);
        assertEquals(100, burst.getOrDefault(201, 0) + burst.getOrDefault(409, 0),
                "100 orders, 50 at a time, only 201 or 409: " + burst);
        // And the shop is still open: the next order through the gateway is placed.
        shop.through().auth().oauth2(shop.newCustomerToken())
                .body(Map.of("items", List.of(Map.of("productId", 2, "quantity", 1))))
                .when().post("/api/orders").then().statusCode(201);
    }

    @Test
    @Order(2)
    void theInventoryRefusesEveryoneButOrderServiceAlsoWhenCalledDirectly() {
        String customer = shop.newCustomerToken();
        String admin = shop.login(RunningShop.ADMIN_EMAIL, RunningShop.ADMIN_PASSWORD);
        String catalog = shop.uri(Service.CATALOG).toString();
        int before = stockOf(1);
        for (String token : List.of(customer, admin)) {
            given().baseUri(catalog).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("reservationId", UUID.randomUUID().toString(), "orderId", UUID.randomUUID().toString(),
                            "items", List.of(Map.of("productId", 1, "quantity", 1))))
                    .when().post("/api/inventory/reservations").then().statusCode(403);
            UUID any = UUID.randomUUID();
            given().baseUri(catalog).auth().oauth2(token).when().get("/api/inventory/reservations/" + any).then().statusCode(403);
            given().baseUri(catalog).auth().oauth2(token).when().post("/api/inventory/reservations/" + any + "/confirmation")
                    .then().statusCode(403);
            given().baseUri(catalog).auth().oauth2(token).when().post("/api/inventory/reservations/" + any + "/abandonment")
                    .then().statusCode(403);
            given().baseUri(catalog).auth().oauth2(token).when().delete("/api/inventory/reservations/" + any).then().statusCode(403);
        }
        assertEquals(before, stockOf(1), "no stock moved");
        // order-service's own token does reserve: the one caller it accepts.
        String service = serviceToken();
        UUID reservation = UUID.randomUUID();
        given().baseUri(catalog).auth().oauth2(service).contentType(ContentType.JSON)
                .body(Map.of("reservationId", reservation.toString(), "orderId", UUID.randomUUID().toString(),
                        "items", List.of(Map.of("productId", 1, "quantity", 1))))
                .when().post("/api/inventory/reservations").then().statusCode(201);
        given().baseUri(catalog).auth().oauth2(service).when().post("/api/inventory/reservations/" + reservation + "/abandonment")
                .then().statusCode(200).body("status", equalTo("RELEASED"));
        // ...and it is not a customer: order-service's public API refuses it.
        given().baseUri(shop.uri(Service.ORDERS).toString()).auth().oauth2(service).when().get("/api/orders")
                .then().statusCode(401);
    }

    @Test
    @Order(3)
    void theServiceAccountCannotLogInThroughTheGatewayAndCannotBeLockedOut() {
        String account = "order-service@services.shop.internal";
        // From an address of its own: the gateway limits failed sign-ins per client, and the other
        // tests here sign in from 127.0.0.1.
        String attacker = "127.0.0.2";
        assertEquals(401, postFrom(attacker, "/api/auth/login",
                "{\"email\":\"" + account + "\",\"password\":\"" + shop.system().orderServiceSecret() + "\"}"));
        for (int i = 0; i < 20; i++) {
            int status = postFrom(attacker, "/api/auth/login",
                    "{\"email\":\"" + account + "\",\"password\":\"a wrong guess " + i + "\"}");
            assertTrue(status == 401 || status == 429, "a wrong guess answered " + status);
        }
        // Nothing changed for order-service: it still gets its token on the internal path...
        serviceToken();
        // ...which the gateway does not route.
        shop.through().body(Map.of("account", "order-service", "secret", shop.system().orderServiceSecret()))
                .when().post("/internal/auth/token").then().statusCode(404);
        // And orders still go through (order-service calls catalog-service with its own token).
        shop.through().auth().oauth2(shop.newCustomerToken())
                .body(Map.of("items", List.of(Map.of("productId", 3, "quantity", 1))))
                .when().post("/api/orders").then().statusCode(201);
    }

    @Test
    @Order(4)
    void aForgedHostNeverReachesALocation() {
        shop.through().header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .body(Map.of("email", "host-" + UUID.randomUUID() + "@example.com", "password", "a good password",
                        "name", "Host"))
                .when().post("/api/users")
                .then().statusCode(201)
                .header("Location", startsWith(shop.uri(Service.GATEWAY) + "/api/users/"));
    }

    @Test
    @Order(5)
    void operationsEndpointsAreOnTheManagementPortsOnly() {
        for (Service service : Service.values()) {
            for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
                given().baseUri(shop.uri(service).toString()).when().get(path).then().statusCode(404);
            }
            given().baseUri(shop.managementUri(service).toString()).when().get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(shop.managementUri(service).toString()).when().get("/q/metrics").then().statusCode(200);
        }
        for (Service service : List.of(Service.CATALOG, Service.USERS, Service.ORDERS)) {
            given().baseUri(shop.managementUri(service).toString()).when().get("/q/swagger-ui/").then().statusCode(200);
        }
    }

    @Test
    @Order(6)
    void badInputAnywhereIsAProblemAndNeverA5xx() {
        String token = shop.newCustomerToken();
        String admin = shop.login(RunningShop.ADMIN_EMAIL, RunningShop.ADMIN_PASSWORD);
        // Over every route's cap (the 5 MiB case, refused before it is read, is the gateway's own test).
        String huge = "x".repeat(100 * 1024);
        List<Response> answers = new ArrayList<>();
        for (String path : List.of("/api/users", "/api/auth/login", "/api/orders", "/api/products")) {
            String caller = path.equals("/api/products") ? admin : token;
            for (String body : List.of("{", "[]", "null", "\"text\"", "{\"items\":[{\"productId\":\"x\"}]}",
                    "{\"email\":1,\"password\":[],\"name\":{}}", "{\"unknown\":true}", "\u0000\u0001", huge)) {
                answers.add(shop.through().auth().oauth2(caller).body(body).when().post(path));
            }
            answers.add(shop.through().auth().oauth2(caller).contentType("text/plain").body("{}").when().post(path));
            answers.add(shop.through().auth().oauth2(caller).contentType("application/xml").body("<a/>").when().post(path));
        }
        for (String path : List.of("/api/products/abc", "/api/products/-1", "/api/products/99999999999999999999",
                "/api/products?page=-1&size=100000", "/api/products?sort=%27;drop", "/api/products?q=" + "%25".repeat(300),
                "/api/orders/not-a-uuid", "/api/orders?page=x", "/api/users/not-a-uuid", "/api/categories/..%2f..%2fetc",
                "/api/products/%2e%2e/inventory/reservations", "/api/" + "a/".repeat(500), "/%00", "/api/products/1%00")) {
            answers.add(shop.through().auth().oauth2(token).when().get(path));
        }
        answers.add(shop.through().auth().oauth2(token).header("Idempotency-Key", "k".repeat(5000))
                .body(Map.of("items", List.of(Map.of("productId", 1, "quantity", 1)))).when().post("/api/orders"));
        answers.add(shop.through().header("Authorization", "Bearer " + "a.b.c").when().get("/api/orders"));
        answers.add(shop.through().header("Authorization", "Basic Zm9vOmJhcg==").when().get("/api/orders"));
        answers.add(shop.through().header("Accept", "application/x-nothing").when().get("/api/products/1"));
        for (Response answer : answers) {
            assertTrue(answer.statusCode() < 500, "a 5xx: " + answer.statusCode() + " " + answer.asString());
            if (answer.statusCode() >= 400 && answer.statusCode() != 404 && answer.statusCode() != 405) {
                assertTrue(String.valueOf(answer.contentType()).startsWith("application/problem+json"),
                        answer.statusCode() + " without a problem: " + answer.contentType() + " " + answer.asString());
            }
        }
    }

    /** What {@code /proc/net/tcp6} calls ::1 and ::ffff:127.0.0.1, and {@code /proc/net/tcp} 127.0.0.1. */
    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("0100007F",
            "00000000000000000000000001000000", "0000000000000000FFFF00000100007F");

    @Test
    @Order(7)
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void everyServiceListensOnThisMachineOnly() throws java.io.IOException {
        // The sockets as the kernel has them: port -> the local addresses listening on it.
        Map<Integer, java.util.Set<String>> listening = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A")) { // LISTEN
                    String[] local = fields[1].split(":");
                    listening.computeIfAbsent(Integer.parseInt(local[1], 16), k -> new java.util.HashSet<>()).add(local[0]);
                }
            }
        }
        for (Service service : Service.values()) {
            for (int port : List.of(shop.uri(service).getPort(), shop.managementUri(service).getPort())) {
                java.util.Set<String> addresses = listening.getOrDefault(port, java.util.Set.of());
                assertTrue(!addresses.isEmpty() && LOOPBACK.containsAll(addresses),
                        service.module() + " listens on port " + port + " at " + addresses + ", not on loopback only");
            }
        }
    }

    /** A POST to the gateway from this local address, as another client would send it. */
    private static int postFrom(String localAddress, String path, String json) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .localAddress(java.net.InetAddress.getByName(localAddress)).build();
            return client.send(java.net.http.HttpRequest.newBuilder(shop.uri(Service.GATEWAY).resolve(path))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String serviceToken() {
        return given().baseUri(shop.uri(Service.USERS).toString()).contentType(ContentType.JSON)
                .body(Map.of("account", "order-service", "secret", shop.system().orderServiceSecret()))
                .when().post("/internal/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static int stockOf(long product) {
        return shop.through().when().get("/api/products/" + product).then().statusCode(200).extract().path("stock");
    }

    /** {@code count} orders for one unit of one of the first ten products, {@code parallel} at a time: statuses counted. */
    static Map<Integer, Integer> ordersAtOnce(String token, int count, int parallel) throws Exception {
        String orders = shop.uri(Service.ORDERS).toString();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long product = 1 + i % 10;
                answers.add(pool.submit(() -> given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
                        .when().post("/api/orders").statusCode()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
