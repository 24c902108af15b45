package dev.shop.gateway;

import dev.shop.gateway.api.ProblemWriter;
import dev.shop.testing.Metrics;
import dev.shop.testing.Readiness;
import dev.shop.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as the shop's edge, with a real user-service process behind it (logins,
 * registrations) and a {@link StandInBackend} as catalog-service (to see what is forwarded): what
 * it takes from clients that are slow, oversized, guessing passwords or lying about their Host.
 *
 * <p>Clients are told apart by their address: each test connects from loopback addresses of its
 * own (127.0.0.x, all of them this machine). 127.0.0.1 plays a trusted reverse proxy, whose
 * X-Forwarded-For the gateway is configured to believe; every other address is an ordinary client.
 */
@QuarkusTest
@TestProfile(GatewayEdgeTest.Edge.class)
@WithTestResource(EdgeBackends.class)
class GatewayEdgeTest {

    static final Duration CLIENT_BODY_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_FAILED_SIGN_INS = 20;
    static final long FIVE_MIB = 5L * 1024 * 1024;

    public static class Edge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "shop.gateway.client-body-timeout", CLIENT_BODY_TIMEOUT.toString(),
                    "shop.gateway.failed-sign-ins.max", Integer.toString(MAX_FAILED_SIGN_INS),
                    "shop.gateway.failed-sign-ins.window", "PT1M",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    private final Map<InetAddress, HttpClient> clients = new ConcurrentHashMap<>();

    @BeforeEach
    void gatewayIsWarm() {
        // Warm-up sends requests of its own: it must be over.
        Readiness.await();
    }

    // --- Request bodies: capped per route, refused early.

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(5))) {
            long started = System.nanoTime();
            client.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + FIVE_MIB + "\r\n\r\n");
            client.sendInBackground(FIVE_MIB, false);
            RawHttp.Response response = client.read(Duration.ofSeconds(10)).orElseThrow();
            Duration took = since(started);

            assertEquals(413, response.status(), response.toString());
            assertEquals("application/problem+json", response.header("content-type"));
            assertTrue(response.body().contains("urn:shop:problem:content-too-large"), response.body());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
            assertTrue(client.closedWithin(Duration.ofSeconds(10)), "the rest of the body is not read");
        }
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws IOException {
        String uri = "/api/products?test=chunked-" + UUID.randomUUID();
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(5))) {
            long started = System.nanoTime();
            client.send("POST " + uri + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.sendInBackground(FIVE_MIB, true);
            RawHttp.Response response = client.read(Duration.ofSeconds(10)).orElseThrow();
            Duration took = since(started);

            assertEquals(413, response.status(), response.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
            assertTrue(client.closedWithin(Duration.ofSeconds(10)), "the rest of the body is not read");
        }
        assertEquals(List.of(), EdgeBackends.catalog().received(uri), "nothing was forwarded");
    }

    @Test
    void aClientStillSendingTheBodyItDeclaredTooLargeIsNotReset() throws Exception {
        // The gateway refuses on the declared length, before the body comes, while a client that
        // does not wait for an answer is already sending it. Were the connection closed at once,
        // those bytes would meet a closed socket and be answered with a reset, which can destroy
        // the 413 before the client reads it (the client's next write fails: "broken pipe"). Read
        // and dropped for a short while instead, every write goes through, then the gateway closes.
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(8))) {
            client.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 17 * 1024 + "\r\n\r\n");
            RawHttp.Response response = client.read(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(413, response.status(), response.toString());

            byte[] piece = new byte[4 * 1024];
            java.util.Arrays.fill(piece, (byte) 'x');
            for (int i = 0; i < 4; i++) {
                client.send(piece);
                Thread.sleep(100);
            }
            assertTrue(client.closedWithin(ProblemWriter.LINGER.plusSeconds(5)), "closed once the body was dropped");
        }
    }

    @Test
    void eachRouteHasItsOwnLimitBelowQuarkusOwn() throws Exception {
        // 16 KiB for logins, 64 KiB for products; Quarkus' own limit for any request is 10 MiB.
        HttpResponse<String> login = post(address(5), "/api/auth/login", json(17 * 1024), Map.of());
        assertEquals(413, login.statusCode(), login.body());
        assertEquals("application/problem+json", login.headers().firstValue("Content-Type").orElse(null));

        String tooLarge = "/api/products?test=too-large-" + UUID.randomUUID();
        HttpResponse<String> product = post(address(5), tooLarge, json(65 * 1024),
                Map.of("Authorization", TestTokens.bearer(TestTokens.admin())));
        assertEquals(413, product.statusCode(), product.body());
        assertEquals(List.of(), EdgeBackends.catalog().received(tooLarge));

        // Just under the limit, sent in chunks: it goes on whole, with its length.
        String fits = "/api/products?test=fits-" + UUID.randomUUID();
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(5))) {
            client.send("POST " + fits + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.sendInBackground(63 * 1024, true);
            assertEquals(201, client.read(Duration.ofSeconds(30)).orElseThrow().status());
        }
        StandInBackend.Received received = single(EdgeBackends.catalog().received(fits));
        assertEquals(63 * 1024, received.body().length);
        assertEquals(Integer.toString(63 * 1024), received.header("Content-Length"));
        assertNull(received.header("Transfer-Encoding"));
    }

    // --- Slow clients: their time is theirs, never the backend's.

    @Test
    void stalledUploadsAre408sAndNoBackendIsBlamed() throws Exception {
        String before = "/api/products?test=before-stall-" + UUID.randomUUID();
        assertEquals(200, get(address(5), before).statusCode());

        // More than the failures in a row that take a replica out of rotation (3), were they counted.
        double ejections = ejectionsOf("catalog-service", EdgeBackends.catalogReplica());
        String uri = "/api/products?test=stalled-" + UUID.randomUUID();
        List<RawHttp> stalled = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                RawHttp client = RawHttp.connect(gateway.getPort(), address(5));
                stalled.add(client);
                client.send("POST " + uri + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + TestTokens.admin() + "\r\nContent-Length: 40\r\n\r\n{");
            }
            for (RawHttp client : stalled) {
                RawHttp.Response response = client.read(Duration.ofSeconds(60)).orElseThrow();
                assertEquals(408, response.status(), response.toString());
                assertEquals("application/problem+json", response.header("content-type"));
                assertTrue(response.body().contains("urn:shop:problem:request-timeout"), response.body());
                assertTrue(client.closedWithin(Duration.ofSeconds(10)));
            }
            Duration took = since(started);
            // The clock starts when the headers are in; every one of them had its time.
            assertTrue(took.compareTo(CLIENT_BODY_TIMEOUT) >= 0, "took " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "took " + took);
        } finally {
            stalled.forEach(RawHttp::close);
        }
        assertEquals(List.of(), EdgeBackends.catalog().received(uri), "nothing was forwarded");
        assertStillInRotation("catalog-service", EdgeBackends.catalogReplica(), ejections);
        String after = "/api/products?test=after-stall-" + UUID.randomUUID();
        assertEquals(200, get(address(5), after).statusCode());
    }

    // --- A connection closed under a request.

    @Test
    void aReadWhoseConnectionClosesUnansweredIsSentOnceMore() throws Exception {
        String uri = "/api/products?test=close-first-" + UUID.randomUUID();
        assertEquals(200, get(address(7), uri).statusCode());
        assertEquals(2, EdgeBackends.catalog().received(uri).size(), "sent once more, on a new connection");
    }

    @Test
    void aWriteWhoseConnectionClosesUnansweredIsNotSentAgain() throws Exception {
        String uri = "/api/products?test=close-first-" + UUID.randomUUID();
        HttpResponse<String> answer = post(address(7), uri, "{\"name\":\"x\"}",
                Map.of("Authorization", "Bearer " + TestTokens.admin()));
        assertEquals(503, answer.statusCode());
        assertEquals(1, EdgeBackends.catalog().received(uri).size(), "a write may have happened: never twice");
    }

    @Test
    void aReplicaClosingItsConnectionNeitherClosesTheClientsNorBreaksHttp2() throws Exception {
        String uri = "/api/products?test=connection-close-" + UUID.randomUUID();
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // Over HTTP/2 a Connection header is a malformed answer: the client refuses the whole response.
        HttpResponse<String> answer = http2.send(HttpRequest.newBuilder(onLoopback(uri)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(Optional.empty(), answer.headers().firstValue("connection"));
        assertEquals(Optional.empty(), get(address(7), uri).headers().firstValue("connection"), "HTTP/1.1");
    }

    @Test
    void clientsThatHangUpWhileSendingAreNoBackendFailure() throws Exception {
        String before = "/api/products?test=before-hang-up-" + UUID.randomUUID();
        assertEquals(200, get(address(5), before).statusCode());

        String uri = "/api/products?test=hang-up-" + UUID.randomUUID();
        double ejections = ejectionsOf("catalog-service", EdgeBackends.catalogReplica());
        for (int i = 0; i < 12; i++) {
            try (RawHttp client = RawHttp.connect(gateway.getPort(), address(5))) {
                client.send("POST " + uri + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + TestTokens.admin() + "\r\nContent-Length: 40\r\n\r\n{\"name\"");
            }
        }
        pause(Duration.ofSeconds(1));

        assertEquals(List.of(), EdgeBackends.catalog().received(uri), "nothing was forwarded");
        assertStillInRotation("catalog-service", EdgeBackends.catalogReplica(), ejections);
        String after = "/api/products?test=after-hang-up-" + UUID.randomUUID();
        assertEquals(200, get(address(5), after).statusCode());
    }

    @Test
    void stalledUploadsDoNotTakeLoginsDown() throws Exception {
        List<InetAddress> shoppers = List.of(address(10), address(11), address(12), address(13), address(14));
        double ejections = ejectionsOf("user-service", EdgeBackends.usersReplica());
        Map<InetAddress, String> emails = new ConcurrentHashMap<>();
        for (InetAddress shopper : shoppers) {
            String email = "shopper-" + UUID.randomUUID() + "@test.example";
            assertEquals(201, register(shopper, email, "correct horse battery").statusCode());
            emails.put(shopper, email);
        }

        // 30 clients that send the headers of a login and one byte of its body, then nothing: each
        // is replaced by another as soon as the gateway gives up on it, for about 10 seconds.
        AtomicBoolean stalling = new AtomicBoolean(true);
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> stallers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stallers.add(Thread.ofVirtual().start(() -> {
                while (stalling.get()) {
                    try (RawHttp staller = RawHttp.connect(gateway.getPort(), InetAddress.getLoopbackAddress())) {
                        staller.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 60\r\n\r\n{");
                        if (staller.read(Duration.ofSeconds(30)).filter(r -> r.status() == 408).isPresent()) {
                            timedOut.incrementAndGet();
                        }
                    } catch (IOException | UncheckedIOException e) {
                        // Reconnect.
                    }
                }
            }));
        }
        long started = System.nanoTime();

        // Meanwhile 100 logins, four at a time, spread over the stall; every fourth has a wrong password.
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> logins = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                logins.add(four.submit(() -> {
                    InetAddress shopper = shoppers.get(n % shoppers.size());
                    boolean valid = n % 4 != 3;
                    HttpResponse<String> answer = login(shopper, emails.get(shopper),
                            valid ? "correct horse battery" : "wrong password");
                    if (answer.statusCode() != (valid ? 200 : 401)) {
                        wrong.add("login " + n + ": " + answer.statusCode() + " " + answer.body());
                    }
                    pause(Duration.ofMillis(300));
                    return null;
                }));
            }
            for (Future<?> login : logins) {
                login.get();
            }
        } finally {
            four.shutdownNow();
        }
        pause(Duration.ofSeconds(10).minus(since(started)));
        stalling.set(false);
        for (Thread staller : stallers) {
            staller.join(Duration.ofSeconds(60));
        }

        assertEquals(List.of(), wrong, "every login got its own answer, none a 503");
        assertTrue(timedOut.get() >= 30, "the stalled clients got their 408s: " + timedOut.get());
        assertStillInRotation("user-service", EdgeBackends.usersReplica(), ejections);
    }

    // --- Failed sign-ins, limited per client.

    private static final String LIMITED = "shop_logins_total{outcome=\"limited\"}";

    @Test
    void failedSignInsAreLimitedPerClientWhateverItClaims() throws Exception {
        double limited = Metrics.value(LIMITED);
        InetAddress guesser = address(2);
        for (int i = 0; i < 40; i++) {
            // A new account every time (user-service's per-account limit never applies), and a new
            // X-Forwarded-For: this client is no proxy the gateway trusts, so it stays one client.
            HttpResponse<String> answer = login(guesser, "nobody-" + UUID.randomUUID() + "@test.example",
                    "guess " + i, Map.of("X-Forwarded-For", "203.0.113." + (i + 1)));
            if (i < MAX_FAILED_SIGN_INS) {
                assertEquals(401, answer.statusCode(), "login " + i + ": " + answer.body());
            } else {
                assertEquals(429, answer.statusCode(), "login " + i + ": " + answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(null));
                assertTrue(answer.body().contains("urn:shop:problem:too-many-failed-sign-ins"), answer.body());
                long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After: " + retryAfter);
            }
        }

        // Registration is limited too, and is not forwarded: the account does not exist after.
        String email = "would-be-" + UUID.randomUUID() + "@test.example";
        HttpResponse<String> registration = register(guesser, email, "correct horse battery");
        assertEquals(429, registration.statusCode(), registration.body());
        assertTrue(registration.headers().firstValue("Retry-After").isPresent());
        assertEquals(limited + 40 - MAX_FAILED_SIGN_INS + 1, Metrics.value(LIMITED), "sign-ins refused with 429, counted");
        InetAddress bystander = address(3);
        assertEquals(401, login(bystander, email, "correct horse battery").statusCode());

        // Another client is not limited by what this one did.
        assertEquals(401, login(bystander, "nobody-" + UUID.randomUUID() + "@test.example", "guess").statusCode());
        String own = "bystander-" + UUID.randomUUID() + "@test.example";
        assertEquals(201, register(bystander, own, "correct horse battery").statusCode());
        assertEquals(200, login(bystander, own, "correct horse battery").statusCode());
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsCounted() throws Exception {
        InetAddress proxy = InetAddress.getLoopbackAddress();
        Map<String, String> guesser = Map.of("X-Forwarded-For", "198.51.100.7");
        for (int i = 0; i < MAX_FAILED_SIGN_INS; i++) {
            assertEquals(401, login(proxy, "nobody-" + UUID.randomUUID() + "@test.example", "guess", guesser)
                    .statusCode());
        }
        assertEquals(429, login(proxy, "nobody-" + UUID.randomUUID() + "@test.example", "guess", guesser)
                .statusCode());
        // The same proxy, for someone else.
        assertEquals(401, login(proxy, "nobody-" + UUID.randomUUID() + "@test.example", "guess",
                Map.of("X-Forwarded-For", "198.51.100.8")).statusCode());
    }

    @Test
    void successfulSignInsAreNeverLimited() throws Exception {
        InetAddress loadGenerator = address(4);
        for (int i = 0; i < MAX_FAILED_SIGN_INS + 10; i++) {
            String email = "shopper-" + UUID.randomUUID() + "@test.example";
            assertEquals(201, register(loadGenerator, email, "correct horse battery").statusCode());
            assertEquals(200, login(loadGenerator, email, "correct horse battery").statusCode());
        }
    }

    // --- The client's Host stays at the edge.

    @Test
    void aForgedHostNeverReachesTheBackendsNorComesBack() throws Exception {
        String uri = "/api/products/7?test=host-" + UUID.randomUUID();
        RawHttp.Response response;
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(6))) {
            client.send("GET " + uri + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Forwarded: host=evil.example\r\nConnection: close\r\n\r\n");
            response = client.read(Duration.ofSeconds(30)).orElseThrow();
        }
        assertEquals(200, response.status(), response.toString());
        assertNotNull(response.header("location"));
        assertFalse(response.header("location").contains("evil.example"), response.header("location"));

        StandInBackend.Received received = single(EdgeBackends.catalog().received(uri));
        StandInBackend catalog = EdgeBackends.catalog();
        assertEquals(catalog.host() + ":" + catalog.port(), received.header("Host"));
        received.headers().forEach((name, values) -> assertFalse(values.toString().contains("evil.example"),
                name + ": " + values));

        // user-service, the real one, builds its links from its configuration.
        String email = "host-" + UUID.randomUUID() + "@test.example";
        String body = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"Host\"}";
        try (RawHttp client = RawHttp.connect(gateway.getPort(), address(6))) {
            client.send("POST /api/users HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            response = client.read(Duration.ofSeconds(30)).orElseThrow();
        }
        assertEquals(201, response.status(), response.toString());
        assertNotNull(response.header("location"));
        assertFalse(response.header("location").contains("evil.example"), response.header("location"));
    }

    // --- Trace context: the gateway's own, and only when tracing is on.

    /**
     * No SHOP_OTLP_ENDPOINT here, so tracing is off (common's TracingFollowsExport): nothing is
     * recorded, and no trace context goes on, neither the client's nor one of the gateway's own.
     * TracingIT shows the other half: with a collector named, one trace across three services.
     */
    @Test
    void withNoCollectorNamedNoTraceContextGoesOn() throws Exception {
        String uri = "/api/products/7?test=trace-" + UUID.randomUUID();
        String clientTrace = "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01";
        HttpResponse<String> response = client(address(7)).send(HttpRequest.newBuilder(onLoopback(uri))
                .timeout(Duration.ofSeconds(30)).header("traceparent", clientTrace).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        StandInBackend.Received received = single(EdgeBackends.catalog().received(uri));
        assertNull(received.header("traceparent"), "trace context sent on: " + received.header("traceparent"));
    }

    // --- Helpers.

    private HttpResponse<String> login(InetAddress from, String email, String password) throws Exception {
        return login(from, email, password, Map.of());
    }

    private HttpResponse<String> login(InetAddress from, String email, String password, Map<String, String> headers)
            throws Exception {
        return post(from, "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", headers);
    }

    private HttpResponse<String> register(InetAddress from, String email, String password) throws Exception {
        return post(from, "/api/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Test Shopper\"}", Map.of());
    }

    private HttpResponse<String> post(InetAddress from, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(onLoopback(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return client(from).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(InetAddress from, String path) throws Exception {
        return client(from).send(HttpRequest.newBuilder(onLoopback(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway at 127.0.0.1, which every loopback address can reach (localhost might be ::1). */
    private URI onLoopback(String path) {
        return URI.create("http://127.0.0.1:" + gateway.getPort() + path);
    }

    private HttpClient client(InetAddress from) {
        return clients.computeIfAbsent(from, address -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(address)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    /** 127.0.0.n: a client of its own. */
    private static InetAddress address(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A JSON document of {@code bytes} bytes. */
    private static String json(int bytes) {
        return "{\"filler\":\"" + "x".repeat(bytes - 13) + "\"}";
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** How often the gateway took this replica out of rotation so far. */
    private static double ejectionsOf(String service, String replica) {
        return Metrics.value("shop_replica_ejections_total{replica=\"" + replica + "\",service=\"" + service + "\"}");
    }

    private static void assertStillInRotation(String service, String replica, double ejectionsBefore) {
        assertEquals(ejectionsBefore, ejectionsOf(service, replica), service + " " + replica + " was ejected");
        assertEquals(1.0, Metrics.value("shop_replica_in_rotation{replica=\"" + replica + "\",service=\"" + service
                + "\"}"), service + " " + replica + " is out of rotation");
    }

    private static void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
