package dev.shop.user;

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
    void readinessIncludesTheDatabaseAndResponsesNameTheReplica() {
        Readiness.await();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("warm-up"))
                .header("X-Served-By", startsWith("user-service/"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/auth/login"));
    }
}
