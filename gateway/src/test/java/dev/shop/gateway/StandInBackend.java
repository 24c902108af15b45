package dev.shop.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for a backend (the JDK's HTTP server), which records every request it is sent, and
 * answers as a naive backend would: 200, or 201 for a POST, with a Location built from the Host it
 * was sent. A query {@code test=close-first-...} makes it close the connection unanswered the first
 * time that path and query arrive; {@code test=connection-close} makes it answer "Connection: close", as
 * a stopping replica does. What it records is what the gateway forwards; the gateway is what the tests test.
 */
final class StandInBackend implements AutoCloseable {

    record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    StandInBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests received for this path and query, e.g. {@code /api/products?test=stall}. */
    List<Received> received(String uri) {
        return received.stream().filter(r -> r.uri().equals(uri)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String uri = exchange.getRequestURI().toString();
            received.add(new Received(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), body));
            if (uri.contains("test=close-first-") && received(uri).size() == 1) {
                // The connection closes before any answer, as a pooled one does when it is closed
                // under a request: closing the exchange without a response drops the connection.
                return;
            }
            // What a backend that trusts the Host it is sent would answer.
            String host = exchange.getRequestHeaders().getFirst("Host");
            exchange.getResponseHeaders().add("Location", "http://" + host + exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (uri.contains("test=connection-close")) {
                // As a replica that is stopping answers: about its own connection to the gateway.
                exchange.getResponseHeaders().add("Connection", "close");
            }
            byte[] answer = ("{\"received\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
