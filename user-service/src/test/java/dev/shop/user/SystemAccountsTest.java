package dev.shop.user;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(SystemAccountsTest.Configured.class)
class SystemAccountsTest {

    static final String ADMIN_EMAIL = "admin-" + java.util.UUID.randomUUID() + "@shop.example";
    static final String ADMIN_PASSWORD = "admin password for tests";
    static final String ORDER_SERVICE_SECRET = "order-service secret for tests";

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.admin.email", ADMIN_EMAIL, "shop.admin.password", ADMIN_PASSWORD,
                    "shop.order-service.secret", ORDER_SERVICE_SECRET);
        }
    }

    @Test
    void theConfiguredAdministratorLogsInWithTheAdminGroup() {
        String token = Users.login(ADMIN_EMAIL, ADMIN_PASSWORD).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200)
                .body("email", equalTo(ADMIN_EMAIL))
                .body("roles", equalTo(List.of("customer", "admin")));
    }

    @Test
    void orderServiceLogsInAsAServiceAndOnlyThat() {
        String token = Users.serviceToken("order-service", ORDER_SERVICE_SECRET)
                .then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .extract().path("accessToken");
        TokenClaims claims = TokenClaims.of(token);
        assertEquals(List.of("order-service"), claims.groups());
        assertEquals(Set.of("urn:shop:services"), claims.audience());
        assertEquals("order-service@services.shop.internal", claims.upn());
        // A token for the services' APIs is no sign-in to the public one.
        given().auth().oauth2(token).when().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void nobodyCanRegisterAServiceAddress() {
        Users.register("billing@services.shop.internal", "a long enough password", "Impostor")
                .then().statusCode(400).body("errors.field", hasItem("email"));
    }
}
