package dev.shop.user;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

final class Users {

    static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static Response register(String email, String password, String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", name))
                .when().post("/api/users");
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login");
    }

    /** What a service sends for its token, on the route only the shop's services reach. */
    static Response serviceToken(String account, String secret) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("account", account, "secret", secret))
                .when().post("/internal/auth/token");
    }

    /** Registers a new account and returns a token for it. */
    static String tokenForNewUser() {
        String email = newEmail();
        register(email, PASSWORD, "Test User").then().statusCode(201);
        return login(email, PASSWORD).then().statusCode(200).extract().path("accessToken");
    }
}
