package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of failure, made for real on loopback and met through the generator's own client: a
 * port nobody listens on, connections reset or closed before the answer, a server that never
 * answers, and a 503.
 */
class FailureKindsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final HttpClient http = ShopApi.client(TIMEOUT);
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        http.shutdownNow();
    }

    @Test
    void aPortNobodyListensOnIsRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals(Status.REFUSED, statusOf(port));
    }

    @Test
    void aConnectionResetBeforeTheAnswerIsReset() throws IOException {
        // SO_LINGER 0: close() sends a RST instead of a FIN, as a killed process's kernel does.
        int port = acceptAndThen(socket -> {
            try {
                readRequest(socket);
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Status.RESET, statusOf(port));
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsReset() throws IOException {
        int port = acceptAndThen(socket -> {
            try {
                readRequest(socket);
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Status.RESET, statusOf(port));
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws IOException {
        int port = acceptAndThen(servers::add);
        assertEquals(Status.TIMEOUT, statusOf(port));
    }

    @Test
    void aServerErrorIsCountedByItsStatusCode() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        Status status = statusOf(server.getAddress().getPort());
        assertEquals(Status.of(503), status);
        assertTrue(status.error());
    }

    @Test
    void theKindsAddUpForAProgressLineAndTheSummary() {
        Failures failures = Failures.of(Map.of("200", 50L, "201", 3L, "409", 2L, "503", 2L, "502", 1L, "refused", 1L,
                "reset", 4L, "timeout", 0L, "dropped", 3L));
        assertEquals(11, failures.total());
        assertEquals(Map.of("502", 1L, "503", 2L), failures.status());
        assertEquals(1, failures.refused());
        assertEquals(4, failures.reset());
        assertEquals(0, failures.timeout());
        assertEquals(Map.of("dropped", 3L), failures.other());
        assertEquals("status 502:1 503:2, refused 1, reset 4, timeout 0, dropped 3", failures.describe());
        assertEquals("status -, refused 0, reset 0, timeout 0", Failures.of(Map.of("200", 9L, "409", 1L)).describe());
    }

    /** How a GET through {@link ShopApi} to this port on loopback ended. */
    private Status statusOf(int port) {
        ShopApi shop = new ShopApi(http, URI.create("http://127.0.0.1:" + port), TIMEOUT, new ObjectMapper());
        try {
            return Status.of(shop.getStatus("/api/products/1", Optional.empty()).join());
        } catch (CompletionException e) {
            return Status.failure(e);
        }
    }

    /** A server that hands each connection it accepts to {@code connection}, on its own thread. */
    private int acceptAndThen(Consumer<Socket> connection) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    connection.accept(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    /** Reads up to the end of the request's head, so that the client has sent it all. */
    private static void readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
