package dev.shop.user;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of logins on a tiny bcrypt pool: every request gets a quick, proper answer (a token, a
 * 401, or a 503 saying the shop is busy) and none an error; afterwards logins work as before.
 */
@QuarkusTest
@TestProfile(BusyPasswordsTest.TinyPool.class)
class BusyPasswordsTest {

    private static final int LOGINS = 40;
    /** Far more than any of these requests should take, even on a loaded machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    /** One check at a time, one waiting, and each check slow (cost 13: some hundred milliseconds). */
    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.password.pool-size", "1", "shop.password.queue-size", "1",
                    "shop.password.bcrypt-cost", "13");
        }
    }

    record Answer(HttpResponse<String> response, Duration took) {
    }

    @TestHTTPResource("/api/auth/login")
    URI login;

    @Test
    void aFloodOfLoginsGetsQuickAnswersAndNoErrors() throws Exception {
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "Flooded").then().statusCode(201);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(GENEROUS).build();
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        long floodStarted = System.nanoTime();
        for (int i = 0; i < LOGINS; i++) {
            // One right password among unknown addresses: each address is tried once, so the
            // throttle (10 failures per address) never answers here.
            String body = i == 0
                    ? "{\"email\":\"" + email + "\",\"password\":\"" + Users.PASSWORD + "\"}"
                    : "{\"email\":\"" + Users.newEmail() + "\",\"password\":\"a wrong password\"}";
            HttpRequest request = HttpRequest.newBuilder(login)
                    .timeout(GENEROUS)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long sent = System.nanoTime();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Answer(response, Duration.ofNanos(System.nanoTime() - sent))));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .get(GENEROUS.toSeconds() * 2, TimeUnit.SECONDS);
        Duration flood = Duration.ofNanos(System.nanoTime() - floodStarted);

        List<Answer> answers = pending.stream().map(CompletableFuture::join).toList();
        for (Answer answer : answers) {
            int status = answer.response().statusCode();
            assertTrue(Set.of(200, 401, 503).contains(status), "answered " + status + ": " + answer.response().body());
            assertTrue(answer.took().compareTo(GENEROUS) < 0, "an answer took " + answer.took());
        }
        List<HttpResponse<String>> busy = answers.stream().map(Answer::response)
                .filter(response -> response.statusCode() == 503).toList();
        assertFalse(busy.isEmpty(), "one check at a time and one waiting, yet none of " + LOGINS + " was refused");
        for (HttpResponse<String> response : busy) {
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
            assertEquals("urn:shop:problem:busy", new JsonPath(response.body()).getString("type"));
        }
        assertTrue(flood.compareTo(GENEROUS) < 0, "the flood took " + flood);

        // Once it has passed, logins are checked as ever.
        Users.login(email, Users.PASSWORD).then().statusCode(200);
        Users.login(email, "a wrong password").then().statusCode(401);
    }
}
