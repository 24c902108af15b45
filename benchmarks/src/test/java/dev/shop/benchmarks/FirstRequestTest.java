package dev.shop.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe against a real HTTP server: what it sends, what it times, and that a wrong answer stops the run. */
class FirstRequestTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/products/7", exchange -> answer(exchange, 200, "{\"id\":7}"));
        server.createContext("/api/orders", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
            answer(exchange, 201, "{\"status\":\"CONFIRMED\"}");
        });
        server.createContext("/missing", exchange -> answer(exchange, 404, "{\"title\":\"Not Found\"}"));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String json) throws IOException {
        connections.incrementAndGet();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void timesAGetAndTheWarmMedianOfItsSamples() {
        FirstRequest probe = FirstRequest.get(base.resolve("/api/products/7"));
        assertTrue(probe.first() > 0);
        assertTrue(probe.warm() > 0);
        assertEquals(1 + FirstRequest.WARM_SAMPLES, connections.get(), "every request is answered on a connection of its own");
    }

    @Test
    void sendsThePostBodyWithFreshHeadersEachTime() {
        AtomicInteger key = new AtomicInteger();
        FirstRequest probe = FirstRequest.post(base.resolve("/api/orders"),
                () -> List.of("Idempotency-Key: k" + key.incrementAndGet()), "{\"items\":[{\"productId\":3,\"quantity\":1}]}", 201);
        probe.first();
        probe.first();
        assertEquals(List.of("k1 {\"items\":[{\"productId\":3,\"quantity\":1}]}", "k2 {\"items\":[{\"productId\":3,\"quantity\":1}]}"),
                received);
    }

    @Test
    void anAnswerOtherThanTheExpectedOneStopsTheMeasurement() {
        FirstRequest probe = FirstRequest.get(base.resolve("/missing"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, probe::first);
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());
    }
}
