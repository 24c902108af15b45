package dev.shop.user;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class JwksTest {

    @Test
    void publishesThePublicHalfOfTheSigningKey() {
        String token = Users.tokenForNewUser();
        String kid = new io.restassured.path.json.JsonPath(
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]))).getString("kid");

        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", notNullValue())
                .body("keys.kid", hasItem(kid))
                .body("keys.kty", everyItem(equalTo("RSA")))
                .body("keys.alg", everyItem(equalTo("RS256")))
                .body("keys", everyItem(hasKey("n")))
                .body("keys", everyItem(not(hasKey("d"))))
                .body("keys", everyItem(not(hasKey("p"))));
    }
}
