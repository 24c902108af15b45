package dev.shop.user;

import dev.shop.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services get their tokens at POST /internal/auth/token, and only there: the public login never
 * signs a service in, and nothing done on the public route can lock a service out.
 */
@QuarkusTest
@TestProfile(SystemAccountsTest.Configured.class)
class ServiceTokenTest {

    private static final String ORDER_SERVICE = "order-service";
    private static final String ORDER_SERVICE_ADDRESS = "order-service@services.shop.internal";
    private static final String SECRET = SystemAccountsTest.ORDER_SERVICE_SECRET;

    @Test
    void theRightSecretDoesNotSignAServiceInOnThePublicLogin() {
        String withTheSecret = Users.login(ORDER_SERVICE_ADDRESS, SECRET)
                .then().statusCode(401).contentType("application/problem+json").extract().asString();
        String otherwiseTyped = Users.login("  Order-Service@Services.Shop.Internal ", SECRET)
                .then().statusCode(401).extract().asString();
        String unknownAddress = Users.login(Users.newEmail(), "not the password")
                .then().statusCode(401).extract().asString();

        // Word for word what a wrong password gets: the public learns nothing about service accounts.
        assertEquals(withoutInstance(unknownAddress), withoutInstance(withTheSecret));
        assertEquals(withoutInstance(unknownAddress), withoutInstance(otherwiseTyped));
    }

    @Test
    void publicLoginsCannotLockAServiceOut() {
        // More than the throttle's limit (10), on everything a service's own key could be confused with.
        for (int i = 0; i < 12; i++) {
            Users.login(ORDER_SERVICE_ADDRESS, "guess " + i).then().statusCode(401);
            Users.login("service:" + ORDER_SERVICE, "guess " + i).then().statusCode(401);
            Users.login(ORDER_SERVICE, "guess " + i).then().statusCode(401);
        }
        Users.serviceToken(ORDER_SERVICE, SECRET).then().statusCode(200);
    }

    @Test
    void aWrongSecretAndAnUnknownAccountGetTheSameAnswer() {
        String wrongSecret = Users.serviceToken(ORDER_SERVICE, "not the secret")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:invalid-credentials"))
                .extract().asString();
        String unknownAccount = Users.serviceToken(newServiceName(), "not the secret")
                .then().statusCode(401).extract().asString();
        assertEquals(withoutInstance(wrongSecret), withoutInstance(unknownAccount));
        // And a success forgives the failure, as on the public login.
        Users.serviceToken(ORDER_SERVICE, SECRET).then().statusCode(200);
    }

    @Test
    void tokenRequestsAreThrottledPerServiceApartFromThePublicLogin() {
        String service = newServiceName();
        for (int i = 0; i < 10; i++) {
            Users.serviceToken(service, "guess " + i).then().statusCode(401);
        }
        int retryAfter = Integer.parseInt(Users.serviceToken(service, "guess 11")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:too-many-login-attempts"))
                .extract().header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 61, "Retry-After: " + retryAfter);

        // Another service is not affected, and neither is the public login on that service's address.
        Users.serviceToken(ORDER_SERVICE, SECRET).then().statusCode(200);
        Users.login(service + "@services.shop.internal", "guess").then().statusCode(401);
    }

    @Test
    void incompleteOrMistypedRequestsAre400() {
        invalid(Map.of("secret", SECRET), "account");
        invalid(Map.of("account", ORDER_SERVICE), "secret");
        invalid(Map.of("account", ORDER_SERVICE_ADDRESS, "secret", SECRET), "account");
        invalid(Map.of("account", "Order Service", "secret", SECRET), "account");
        invalid(Map.of("account", "", "secret", SECRET), "account");
        // Strict JSON, as everywhere in the shop: an unknown member or a number for a string is a mistake.
        invalid(Map.of("email", ORDER_SERVICE_ADDRESS), "email");
        Map<String, Object> numeric = new HashMap<>(Map.of("account", ORDER_SERVICE));
        numeric.put("secret", 1234567890123L);
        invalid(numeric, "secret");
        given().contentType(ContentType.JSON).body("{\"account\":")
                .when().post("/internal/auth/token")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentTagsTheTokenEndpointInternal() {
        Management.request().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/internal/auth/token'.post.tags", hasItem("Internal"))
                .body("paths.'/api/auth/login'.post.tags", not(hasItem("Internal")));
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/internal/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:validation"))
                .body("errors.field", hasItem(field))
                .body(not(containsString(SECRET)));
    }

    private static String newServiceName() {
        return "no-such-service-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static Map<String, Object> withoutInstance(String problem) {
        Map<String, Object> body = new HashMap<>(new JsonPath(problem).getMap("$"));
        body.remove("instance");
        return body;
    }
}
