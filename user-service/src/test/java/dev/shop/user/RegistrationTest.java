package dev.shop.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class RegistrationTest {

    @Test
    void registersAnAccountWithoutEverShowingThePassword() {
        String email = Users.newEmail();
        String body = Users.register(email, Users.PASSWORD, "Ada Lovelace")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/users/[0-9a-f-]{36}"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("email", equalTo(email))
                .body("name", equalTo("Ada Lovelace"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(Users.PASSWORD));
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("$2a$"));
    }

    @Test
    void theSameAddressInAnotherCaseIsADuplicate() {
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "First").then().statusCode(201);
        Users.register(email.toUpperCase(), Users.PASSWORD, "Second")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:email-taken"));
    }

    @Test
    void addressesAreStoredLowerCased() {
        String email = Users.newEmail();
        Users.register(email.toUpperCase(), Users.PASSWORD, "Upper").then().statusCode(201)
                .body("email", equalTo(email));
        Users.login(email, Users.PASSWORD).then().statusCode(200);
    }

    @Test
    void eachInvalidFieldIsNamed() {
        invalid(Map.of("email", "not-an-address", "password", Users.PASSWORD, "name", "N"), "email");
        invalid(Map.of("email", "no-domain@localhost", "password", Users.PASSWORD, "name", "N"), "email");
        invalid(Map.of("email", "x".repeat(250) + "@example.com", "password", Users.PASSWORD, "name", "N"), "email");
        invalid(Map.of("email", Users.newEmail(), "password", "too short", "name", "N"), "password");
        invalid(Map.of("email", Users.newEmail(), "password", "x".repeat(73), "name", "N"), "password");
        invalid(Map.of("email", Users.newEmail(), "password", "é".repeat(40), "name", "N"), "password");
        invalid(Map.of("email", Users.newEmail(), "password", Users.PASSWORD, "name", "n".repeat(101)), "name");
        invalid(Map.of("email", Users.newEmail(), "password", Users.PASSWORD, "name", "  "), "name");
        invalid(Map.of("password", Users.PASSWORD, "name", "N"), "email");
        invalid(Map.of("email", Users.newEmail(), "name", "N"), "password");
        invalid(Map.of("email", Users.newEmail(), "password", Users.PASSWORD), "name");
        Map<String, Object> typed = new HashMap<>(Map.of("email", Users.newEmail(), "name", "N"));
        typed.put("password", 1234567890123L);
        invalid(typed, "password");
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"email\":")
                .when().post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString("not valid JSON"));
    }

    private static void invalid(Map<String, Object> body, String field) {
        String response = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .extract().asString();
        Object password = body.get("password");
        if (password instanceof String p && p.length() >= 8) {
            org.junit.jupiter.api.Assertions.assertFalse(response.contains(p), "the password is echoed: " + response);
        }
    }
}
