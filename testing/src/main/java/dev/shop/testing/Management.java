package dev.shop.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The management interface of the service under test: its operations endpoints, on a port of their own. */
public final class Management {

    private Management() {
    }

    /** A request to the management port, e.g. {@code Management.request().get("/q/health/ready")}. */
    public static RequestSpecification request() {
        return given().baseUri(root());
    }

    /** {@code http://localhost:<management port>}, whatever root path Quarkus reports with it. */
    public static String root() {
        String uri = TestHTTPResourceManager.getManagementUri();
        int path = uri.indexOf('/', uri.indexOf("//") + 2);
        return path < 0 ? uri : uri.substring(0, path);
    }
}
