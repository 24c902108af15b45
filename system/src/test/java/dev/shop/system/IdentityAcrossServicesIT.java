package dev.shop.system;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestProcesses;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two user-service replicas on one database and a catalog-service that trusts them: tokens are
 * signed with one shared key and verified by every service against the published key set.
 */
class IdentityAcrossServicesIT {

    static final String ADMIN_EMAIL = "admin@shop.example";
    static final String ADMIN_PASSWORD = "system test admin password";

    static ServiceProcess users1;
    static ServiceProcess users2;
    static ServiceProcess catalog;

    @BeforeAll
    static void start() {
        // Both replicas start at once, with no key configured and the same administrator.
        users1 = TestProcesses.service(ServiceSchema.USERS).name("user-service-1")
                .env("SHOP_ADMIN_EMAIL", ADMIN_EMAIL).env("SHOP_ADMIN_PASSWORD", ADMIN_PASSWORD).start();
        users2 = TestProcesses.service(ServiceSchema.USERS).name("user-service-2")
                .env("SHOP_ADMIN_EMAIL", ADMIN_EMAIL).env("SHOP_ADMIN_PASSWORD", ADMIN_PASSWORD).start();
        catalog = TestProcesses.service(ServiceSchema.CATALOG).trustTokensFrom(users1.uri()).start();
        TestProcesses.awaitReady(users1, users2, catalog);
    }

    @AfterAll
    static void stop() {
        TestProcesses.stop(users1, users2, catalog);
    }

    @Test
    void eachReplicaAcceptsTheOthersTokens() {
        String email = "replicas-" + UUID.randomUUID() + "@example.com";
        given().baseUri(users1.uri().toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "a good password", "name", "Replicated"))
                .when().post("/api/users").then().statusCode(201);

        String fromSecond = login(users2, email, "a good password");
        String fromFirst = login(users1, email, "a good password");

        given().baseUri(users1.uri().toString()).auth().oauth2(fromSecond).when().get("/api/users/me")
                .then().statusCode(200).body("email", equalTo(email));
        given().baseUri(users2.uri().toString()).auth().oauth2(fromFirst).when().get("/api/users/me")
                .then().statusCode(200).body("email", equalTo(email));
        assertEquals(keyId(fromFirst), keyId(fromSecond), "both replicas sign with the one shared key");
        given().baseUri(users2.uri().toString()).when().get("/.well-known/jwks.json")
                .then().statusCode(200).body("keys.kid", hasItem(keyId(fromFirst)));
    }

    @Test
    void catalogAcceptsAnAdminTokenFromUserServiceAndRefusesACustomers() {
        String admin = login(users2, ADMIN_EMAIL, ADMIN_PASSWORD);
        Map<String, Object> product = Map.of("sku", "SYS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                "name", "System Test Kettle", "description", "Made by a system test.", "price", 25.00,
                "category", "kitchen", "stock", 3);
        given().baseUri(catalog.uri().toString()).auth().oauth2(admin).contentType(ContentType.JSON).body(product)
                .when().post("/api/products")
                .then().statusCode(201).body("name", equalTo("System Test Kettle"));

        String email = "customer-" + UUID.randomUUID() + "@example.com";
        given().baseUri(users1.uri().toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "a good password", "name", "Customer"))
                .when().post("/api/users").then().statusCode(201);
        String customer = login(users1, email, "a good password");
        given().baseUri(catalog.uri().toString()).auth().oauth2(customer).contentType(ContentType.JSON).body(product)
                .when().post("/api/products")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theAdministratorExistsOnceThoughBothReplicasCreatedIt() {
        String token = login(users1, ADMIN_EMAIL, ADMIN_PASSWORD);
        given().baseUri(users2.uri().toString()).auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(200).body("roles", hasItem("admin"));
    }

    static String login(ServiceProcess users, String email, String password) {
        return given().baseUri(users.uri().toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    static String keyId(String token) {
        return new io.restassured.path.json.JsonPath(
                new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]))).getString("kid");
    }
}
