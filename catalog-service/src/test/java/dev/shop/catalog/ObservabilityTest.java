package dev.shop.catalog;

import dev.shop.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessIncludesTheDatabase() {
        Readiness.await();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("warm-up"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void everyResponseSaysWhichReplicaServedIt() {
        given().when().get("/api/categories")
                .then().statusCode(200).header("X-Served-By", startsWith("catalog-service/"));
        given().when().get("/api/products/0")
                .then().statusCode(404).header("X-Served-By", startsWith("catalog-service/"));
    }

    @Test
    void requestTimersArePublishedPerEndpoint() {
        given().when().get("/api/products/1").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/products/{id}\""));
    }

    @Test
    void theApiIsDescribedWithOpenApiAndSwaggerUi() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/products/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/inventory/reservations"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
