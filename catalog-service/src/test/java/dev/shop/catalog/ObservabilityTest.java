package dev.shop.catalog;

import dev.shop.testing.Management;
import dev.shop.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

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
}
