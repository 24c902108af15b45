package dev.shop.system;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Rotating the configured signing key logs nobody out: tokens signed with the old key stay valid
 * until they expire, everywhere, because the key set publishes both keys.
 */
class KeyRotationIT {

    static final java.util.Map<String, String> ADMIN = java.util.Map.of(
            "SHOP_ADMIN_EMAIL", IdentityAcrossServicesIT.ADMIN_EMAIL,
            "SHOP_ADMIN_PASSWORD", IdentityAcrossServicesIT.ADMIN_PASSWORD);

    ServiceProcess users;
    ServiceProcess catalog;

    @AfterEach
    void stop() {
        TestProcesses.stop(users, catalog);
    }

    @Test
    void oldTokensOutliveTheKeyThatSignedThem() throws Exception {
        String firstKey = newPrivateKeyPem();
        String secondKey = newPrivateKeyPem();
        int port = ServiceProcess.freePort();

        users = TestProcesses.service(ServiceSchema.USERS).name("user-service-key-1").port(port)
                .env("SHOP_JWT_SIGNING_KEY", firstKey).env(ADMIN).start();
        catalog = TestProcesses.service(ServiceSchema.CATALOG).name("catalog-service-rotation")
                .trustTokensFrom(users.uri()).start();
        TestProcesses.awaitReady(users, catalog);
        String admin = adminToken();
        acceptedByCatalog(admin);

        users.stop();
        // The new key arrives as a mounted file, the way a Kubernetes Secret supplies it.
        java.nio.file.Path keyFile = java.nio.file.Files.createTempFile("signing-key", ".pem");
        java.nio.file.Files.writeString(keyFile, secondKey);
        users = TestProcesses.service(ServiceSchema.USERS).name("user-service-key-2").port(port)
                .env("SHOP_JWT_SIGNING_KEY_FILE", keyFile.toString()).env(ADMIN).start();
        TestProcesses.awaitReady(users);
        String newer = login(IdentityAcrossServicesIT.ADMIN_EMAIL);

        assertNotEquals(IdentityAcrossServicesIT.keyId(admin), IdentityAcrossServicesIT.keyId(newer));
        given().baseUri(users.uri().toString()).when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys.kid", hasItems(IdentityAcrossServicesIT.keyId(admin), IdentityAcrossServicesIT.keyId(newer)));
        given().baseUri(users.uri().toString()).auth().oauth2(admin).when().get("/api/users/me").then().statusCode(200);
        given().baseUri(users.uri().toString()).auth().oauth2(newer).when().get("/api/users/me").then().statusCode(200);
        // catalog-service had only the first key cached: the new key id makes it fetch the set again.
        acceptedByCatalog(newer);
        acceptedByCatalog(admin);
    }

    private String adminToken() {
        return login(IdentityAcrossServicesIT.ADMIN_EMAIL);
    }

    private String login(String email) {
        return IdentityAcrossServicesIT.login(users, email, IdentityAcrossServicesIT.ADMIN_PASSWORD);
    }

    private void acceptedByCatalog(String token) {
        given().baseUri(catalog.uri().toString()).auth().oauth2(token).when()
                .delete("/api/products/987654321")
                .then().statusCode(404);
    }

    private static String newPrivateKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }
}
