package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The action "login" against a stand-in for the gateway's login endpoint on loopback, which hands out
 * a new token each time (the real one is exercised by LoadAgainstTheShopIT).
 */
class ShopperTest {

    private final AtomicInteger logins = new AtomicInteger();
    private volatile int answer = 200;
    private HttpServer server;
    private HttpClient http;
    private ShopApi shop;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/login", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = logins.incrementAndGet();
            byte[] body = (answer == 200 ? "{\"accessToken\":\"token-" + n + "\",\"expiresIn\":900}"
                    : "{\"status\":" + answer + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        http = ShopApi.client(Duration.ofSeconds(2));
        shop = new ShopApi(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2),
                new ObjectMapper());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.shutdownNow();
    }

    @Test
    void aLoginOfItsOwnGivesTheShopperTheNewToken() {
        Shopper shopper = new Shopper("someone@load.shop.example", "a password", "Someone");
        AtomicInteger counted = new AtomicInteger();
        assertEquals("token-1", shopper.token(shop, counted::incrementAndGet).join());

        assertEquals(200, shopper.logIn(shop, counted::incrementAndGet).join());
        assertEquals("token-2", shopper.token(shop, counted::incrementAndGet).join(), "the new session's token is used");
        assertEquals(2, logins.get(), "no login beyond the two");
        assertEquals(2, counted.get());
    }

    @Test
    void aFailedLoginIsAnsweredWithItsStatusAndKeepsTheTokenTheShopperHas() {
        Shopper shopper = new Shopper("someone@load.shop.example", "a password", "Someone");
        assertEquals("token-1", shopper.token(shop, () -> { }).join());
        answer = 503;
        AtomicInteger counted = new AtomicInteger();

        assertEquals(503, shopper.logIn(shop, counted::incrementAndGet).join());
        assertEquals(0, counted.get(), "not counted as a login");
        assertEquals("token-1", shopper.token(shop, () -> { }).join());
    }
}
