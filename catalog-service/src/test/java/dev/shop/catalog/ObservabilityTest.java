package dev.shop.catalog;

import dev.shop.testing.Management;
import dev.shop.testing.Metrics;
import dev.shop.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ObservabilityTest {

    @Test
    void theOperationsEndpointsAreThere() {
        OperationsEndpoints.assertServedBy("catalog-service", "/api/inventory/reservations");
    }

    @Test
    void errorsSayWhichReplicaAnsweredToo() {
        given().when().get("/api/products/0")
                .then().statusCode(404).header("X-Served-By", startsWith("catalog-service/"));
    }

    @Test
    void requestTimersArePublishedPerEndpoint() {
        given().when().get("/api/products/1").then().statusCode(200);
        Management.request().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("uri=\"/api/products/{id}\""));
    }

    /** Each reservation step counts its stock movement once, however often it is asked. */
    @Test
    void reservationsAreCountedByWhatTheyDidToTheStock() {
        double held = movements("held");
        double confirmed = movements("confirmed");
        double released = movements("released");
        double shortOfStock = movements("short");
        long product = Products.create("Counted", "1.00", 5);

        UUID id = UUID.randomUUID();
        Reservations.reserve(id, product, 2).then().statusCode(201);
        Reservations.reserve(id, product, 2).then().statusCode(201);
        Reservations.confirm(id).then().statusCode(200);
        Reservations.confirm(id).then().statusCode(200);
        Reservations.release(id).then().statusCode(204);
        Reservations.release(id).then().statusCode(204);
        Reservations.reserve(UUID.randomUUID(), product, 50).then().statusCode(409);

        assertEquals(held + 1, movements("held"));
        assertEquals(confirmed + 1, movements("confirmed"));
        assertEquals(released + 1, movements("released"));
        assertEquals(shortOfStock + 1, movements("short"));
    }

    private static double movements(String outcome) {
        return Metrics.value("shop_reservations_total{outcome=\"" + outcome + "\"}");
    }
}
