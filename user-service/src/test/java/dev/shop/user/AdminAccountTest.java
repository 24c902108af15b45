package dev.shop.user;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(AdminAccountTest.WithAdmin.class)
class AdminAccountTest {

    static final String EMAIL = "admin-" + java.util.UUID.randomUUID() + "@shop.example";
    static final String PASSWORD = "admin password for tests";

    public static class WithAdmin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.admin.email", EMAIL, "shop.admin.password", PASSWORD);
        }
    }

    @Test
    void theConfiguredAdministratorLogsInWithTheAdminGroup() {
        String token = Users.login(EMAIL, PASSWORD).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200)
                .body("email", equalTo(EMAIL))
                .body("roles", equalTo(List.of("customer", "admin")));
    }
}
