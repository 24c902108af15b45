package dev.shop.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/** What every service with a database exposes for operations, checked the same way in each. */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    /**
     * On the management port: ready (database and warm-up) and live; Prometheus metrics with request
     * timers; an OpenAPI document describing {@code apiPath}; Swagger UI. On the API port: none of
     * them (404), and {@code X-Served-By} naming the service.
     */
    public static void assertServedBy(String service, String apiPath) {
        Readiness.await();
        Management.request().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("warm-up"));
        Management.request().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.request().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        // Operations endpoints are not timed; an ordinary request is (a 404 will do).
        given().when().get("/api/no-such-endpoint").then().statusCode(404)
                .header("X-Served-By", startsWith(service + "/"));
        Management.request().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
        Management.request().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey(apiPath));
        Management.request().when().get("/q/swagger-ui/").then().statusCode(200);
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics",
                "/q/openapi", "/q/swagger-ui/", "/q/dev-ui"}) {
            given().when().get(path).then().statusCode(404);
        }
    }
}
