package dev.shop.system;

import dev.shop.database.ExternalDatabase;
import dev.shop.localrun.Service;
import dev.shop.localrun.ShopSettings;
import dev.shop.localrun.ShopSystem;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The whole shop, started as the one-command local run starts it, and reached through the gateway. */
final class Shop {

    static final String ADMIN_EMAIL = "admin@shop.example";
    static final String ADMIN_PASSWORD = "system test admin password";

    private Shop() {
    }

    static ShopSettings settings() {
        ShopSettings settings = new ShopSettings(Path.of(System.getProperty("shop.repository")))
                .logDirectory(Path.of(System.getProperty("shop.logs")))
                .randomPorts()
                .administrator(ADMIN_EMAIL, ADMIN_PASSWORD);
        ExternalDatabase.fromEnvironment().ifPresent(settings::externalDatabase);
        return settings;
    }

    static RequestSpecification through(ShopSystem system) {
        return given().baseUri(system.uri(Service.GATEWAY).toString()).contentType(ContentType.JSON);
    }

    /** Registers a new customer through the gateway and logs them in. */
    static String newCustomerToken(ShopSystem system) {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        through(system).body(Map.of("email", email, "password", "a good password", "name", "Shopper"))
                .when().post("/api/users").then().statusCode(201);
        return login(system, email, "a good password");
    }

    static String login(ShopSystem system, String email, String password) {
        return through(system).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }
}
