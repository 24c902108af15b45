package dev.shop.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LoginTest {

    @Test
    void registerLogInAndSeeYourself() {
        String email = Users.newEmail();
        String id = Users.register(email, Users.PASSWORD, "Grace Hopper").then().statusCode(201)
                .extract().path("id");
        String token = Users.login(email, Users.PASSWORD)
                .then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .extract().path("accessToken");

        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("name", equalTo("Grace Hopper"))
                .body("roles", equalTo(java.util.List.of("customer")));
        given().auth().oauth2(token).when().get("/api/users/" + id)
                .then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void theTokenCarriesTheShopsClaims() {
        String email = Users.newEmail();
        String id = Users.register(email, Users.PASSWORD, "Claims").then().statusCode(201).extract().path("id");
        String token = Users.login(email, Users.PASSWORD).then().statusCode(200).extract().path("accessToken");
        TokenClaims decoded = TokenClaims.of(token);
        JsonPath header = decoded.header();
        JsonPath claims = decoded.payload();
        assertEquals("RS256", header.getString("alg"));
        assertTrue(header.getString("kid") != null && !header.getString("kid").isBlank());
        assertEquals("urn:shop:user-service", claims.getString("iss"));
        assertEquals(id, claims.getString("sub"));
        assertEquals(email, claims.getString("upn"));
        assertEquals(java.util.List.of("customer"), decoded.groups());
        // For the public API, and nothing else: the services' internal APIs refuse it.
        assertEquals(java.util.Set.of("urn:shop:api"), decoded.audience());
        assertEquals(900, claims.getLong("exp") - claims.getLong("iat"));
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "Same").then().statusCode(201);

        String wrongPassword = Users.login(email, "not the password").then().statusCode(401)
                .contentType("application/problem+json").extract().asString();
        String unknownAddress = Users.login(Users.newEmail(), "not the password").then().statusCode(401)
                .contentType("application/problem+json").extract().asString();

        assertEquals(withoutInstance(wrongPassword), withoutInstance(unknownAddress));
    }

    private static Map<String, Object> withoutInstance(String problem) {
        Map<String, Object> body = new java.util.HashMap<>(new JsonPath(problem).getMap("$"));
        body.remove("instance");
        return body;
    }

    @Test
    void tenFailuresInAMinuteBlockTheAddressWithRetryAfter() {
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "Guessed").then().statusCode(201);
        for (int i = 0; i < 10; i++) {
            Users.login(email, "wrong guess " + i).then().statusCode(401);
        }
        int retryAfter = Integer.parseInt(Users.login(email, "wrong guess 11")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:too-many-login-attempts"))
                .extract().header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 61, "Retry-After: " + retryAfter);

        // Even the right password waits for the window to pass.
        Users.login(email, Users.PASSWORD).then().statusCode(429).header("Retry-After", notNullValue());
        // Another address is not affected.
        String other = Users.newEmail();
        Users.register(other, Users.PASSWORD, "Other").then().statusCode(201);
        Users.login(other, Users.PASSWORD).then().statusCode(200);
    }

    @Test
    void unknownAddressesAreThrottledToo() {
        String nobody = Users.newEmail();
        for (int i = 0; i < 10; i++) {
            Users.login(nobody, "guess " + i).then().statusCode(401);
        }
        Users.login(nobody, "guess 11").then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginForgivesEarlierFailures() {
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "Forgiven").then().statusCode(201);
        for (int i = 0; i < 9; i++) {
            Users.login(email, "typo " + i).then().statusCode(401);
        }
        Users.login(email, Users.PASSWORD).then().statusCode(200);
        for (int i = 0; i < 9; i++) {
            Users.login(email, "typo again " + i).then().statusCode(401);
        }
        Users.login(email, Users.PASSWORD).then().statusCode(200);
    }

    @Test
    void incompleteLoginsAre400() {
        given().contentType("application/json").body(Map.of("email", Users.newEmail()))
                .when().post("/api/auth/login")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        given().contentType("application/json").body(Map.of("password", "whatever"))
                .when().post("/api/auth/login")
                .then().statusCode(400).body("errors.field", hasItem("email"))
                .body("detail", not(org.hamcrest.Matchers.containsString("whatever")));
    }
}
