package dev.shop.user;

import dev.shop.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Neither a password nor its hash is ever written to the log, whatever the request does. */
@QuarkusTest
class NoSecretsInLogsTest {

    private final CapturedLog log = new CapturedLog();

    @BeforeEach
    void listen() {
        log.start();
    }

    @AfterEach
    void stopListening() {
        log.stop();
    }

    @Test
    void registrationAndLoginsLogNoSecret() throws Exception {
        String email = Users.newEmail();
        String password = "unmistakable-secret-" + System.nanoTime();
        Users.register(email, password, "Secretive").then().statusCode(201);
        Users.register(email, password, "Secretive").then().statusCode(409);
        Users.register(email, "short", "Secretive").then().statusCode(400);
        Users.login(email, password + "-wrong").then().statusCode(401);
        String token = Users.login(email, password).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users/me").then().statusCode(200);
        given().contentType("application/json").body("{\"email\":\"" + email + "\",\"password\":" + password)
                .when().post("/api/auth/login").then().statusCode(400);

        String hash = storedHash(email);
        assertTrue(hash.startsWith("$2"), "bcrypt in Modular Crypt Format: " + hash.substring(0, 3));
        for (String line : log.lines()) {
            assertFalse(line.contains(password), "a log line holds the password: " + line);
            assertFalse(line.contains(hash), "a log line holds the hash: " + line);
        }
    }

    private static String storedHash(String email) throws Exception {
        try (Connection admin = TestDatabase.get().connectAsAdmin();
             PreparedStatement s = admin.prepareStatement("SELECT password_hash FROM users.account WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
