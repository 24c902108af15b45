package dev.shop.user;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** /api/users/me accepts this shop's valid tokens and nothing else. */
@QuarkusTest
class MeTest {

    @Test
    void noTokenIs401() {
        given().when().get("/api/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void garbageIs401() {
        rejected("garbage");
        rejected("a.b.c");
    }

    @Test
    void aTamperedTokenIs401() {
        String token = Users.tokenForNewUser();
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = claims.replace("\"customer\"", "\"admin\"");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes()) + "." + parts[2];
        rejected(tampered);
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        rejected(TestTokens.signedByAnotherKey(UUID.randomUUID().toString()));
    }

    @Test
    void anExpiredTokenIs401() {
        rejected(TestTokens.expired(UUID.randomUUID().toString()));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        rejected(TestTokens.withIssuer(UUID.randomUUID().toString(), "https://issuer.example"));
    }

    @Test
    void aServiceTokenIs401() {
        // Signed by this shop, but for the services' internal APIs: not a customer's sign-in.
        rejected(TestTokens.service("order-service"));
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIs401() {
        String id = UUID.randomUUID().toString();
        rejected(TestTokens.withAudience(id, java.util.Set.of("urn:shop:services")));
        rejected(TestTokens.withAudience(id, java.util.Set.of("https://elsewhere.example")));
        rejected(TestTokens.withAudience(id, java.util.Set.of()));
    }

    @Test
    void anotherUsersAccountDoesNotExistForYou() {
        String mine = Users.tokenForNewUser();
        String email = Users.newEmail();
        String theirs = Users.register(email, Users.PASSWORD, "Them").then().statusCode(201).extract().path("id");
        given().auth().oauth2(mine).when().get("/api/users/" + theirs)
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void rejected(String token) {
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }
}
