package dev.shop.common.warmup;

import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The warm-up's requests to a real Vert.x HTTP server: what they send, and what happens when they cannot. */
class HttpSelfRequestsTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer()
                .requestHandler(request -> {
                    received.add(request.method() + " " + request.uri());
                    request.response().setStatusCode(request.path().equals("/broken") ? 500 : 200).end("{}");
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void getsEachPathAsManyTimesAsConfiguredOnceTheServerListens() throws Exception {
        HttpSelfRequests requests = new HttpSelfRequests(vertx, on(port), settings(List.of("/api/a", "/api/b?q=x"), 3));
        requests.onListening(null);
        assertEquals(Map.of(200, 6), requests.send());
        assertEquals(List.of("GET /api/a", "GET /api/b?q=x", "GET /api/a", "GET /api/b?q=x", "GET /api/a", "GET /api/b?q=x"),
                received);
    }

    @Test
    void answersOtherThanSuccessAreCountedNotThrown() throws Exception {
        HttpSelfRequests requests = new HttpSelfRequests(vertx, on(port), settings(List.of("/broken", "/api/a"), 2));
        requests.onListening(null);
        assertEquals(Map.of(200, 2, 500, 2), requests.send());
    }

    @Test
    void noPathsSendsNothingAndDoesNotWaitForTheServer() {
        HttpSelfRequests requests = new HttpSelfRequests(vertx, on(port), settings(List.of(), 20));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(Map.of(), requests.send()));
        assertEquals(List.of(), received);
    }

    @Test
    void aPortNobodyListensOnFailsTheStepInsteadOfHangingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HttpSelfRequests requests = new HttpSelfRequests(vertx, on(closed), settings(List.of("/api/a"), 1));
        requests.onListening(null);
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(Exception.class, requests::send));
    }

    private static HttpSelfRequests.Settings settings(List<String> paths, int times) {
        return new HttpSelfRequests.Settings() {
            @Override
            public Optional<List<String>> httpPaths() {
                return Optional.of(paths);
            }

            @Override
            public int httpRequests() {
                return times;
            }
        };
    }

    private static HttpServer on(int port) {
        return new HttpServer() {
            @Override
            public int getPort() {
                return port;
            }

            @Override
            public int getSecurePort() {
                return -1;
            }

            @Override
            public int getManagementPort() {
                return -1;
            }

            @Override
            public URI getLocalBaseUri() {
                return URI.create("http://127.0.0.1:" + port);
            }
        };
    }
}
