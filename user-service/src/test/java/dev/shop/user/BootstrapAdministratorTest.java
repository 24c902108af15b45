package dev.shop.user;

import dev.shop.testing.TestDatabase;
import dev.shop.user.domain.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What start-up does with SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD (SystemAccounts calls
 * {@link Accounts#ensureAdmin}), called here directly with the values a start would pass.
 */
@QuarkusTest
class BootstrapAdministratorTest {

    private static final String CONFIGURED_PASSWORD = "the administrator's configured password";

    @Inject
    Accounts accounts;

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
    void aCustomerWhoRegisteredTheAdminAddressFirstIsNotPromoted() {
        String email = Users.newEmail();
        String id = Users.register(email, Users.PASSWORD, "Early Bird").then().statusCode(201).extract().path("id");

        assertTrue(accounts.ensureAdmin(email, CONFIGURED_PASSWORD).isEmpty());

        String token = Users.login(email, Users.PASSWORD).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200).body("roles", equalTo(List.of("customer")));
        Users.login(email, CONFIGURED_PASSWORD).then().statusCode(401);

        LogRecord warning = log.warnings().stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains("not made an administrator"))
                .findFirst().orElseThrow(() -> new AssertionError("no warning says why: " + log.warnings()));
        String message = warning.getMessage()
                + (warning.getParameters() == null ? "" : " " + java.util.Arrays.toString(warning.getParameters()));
        assertTrue(message.contains("SHOP_ADMIN_EMAIL") && message.contains("remove that account"), message);
        assertTrue(message.contains(id), "the warning names the account: " + message);
    }

    @Test
    void theAdministratorsPasswordFollowsTheConfiguration() {
        String email = Users.newEmail();
        accounts.ensureAdmin(email, "the first configured password").orElseThrow();
        Users.login(email, "the first configured password").then().statusCode(200);

        accounts.ensureAdmin(email, "the second configured password").orElseThrow();

        String token = Users.login(email, "the second configured password")
                .then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200).body("roles", equalTo(List.of("customer", "admin")));
        Users.login(email, "the first configured password").then().statusCode(401);
    }

    @Test
    void anUnchangedPasswordIsNotHashedAgain() throws Exception {
        String email = Users.newEmail();
        accounts.ensureAdmin(email, CONFIGURED_PASSWORD).orElseThrow();
        String hash = storedHash(email);

        accounts.ensureAdmin(email, CONFIGURED_PASSWORD).orElseThrow();

        assertEquals(hash, storedHash(email));
        Users.login(email, CONFIGURED_PASSWORD).then().statusCode(200);
    }

    @Test
    void aServicesAddressCannotBeTheAdministrators() {
        assertThrows(IllegalArgumentException.class,
                () -> accounts.ensureAdmin("order-service@services.shop.internal", CONFIGURED_PASSWORD));
        Users.login("order-service@services.shop.internal", CONFIGURED_PASSWORD).then().statusCode(401);
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
