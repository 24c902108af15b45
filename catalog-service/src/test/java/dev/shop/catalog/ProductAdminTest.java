package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ProductAdminTest {

    @Test
    void anAdminCreatesReadsReplacesAndDeletesAProduct() {
        Map<String, Object> body = Products.body("Espresso Cups", "18.50", 12);
        String location = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(201)
                // Under the shop's public address (shop.public.url), whatever Host the request named.
                .header("Location", startsWith("http://localhost:8080/api/products/"))
                .body("sku", equalTo(body.get("sku")))
                .body("currency", equalTo("EUR"))
                .body("category", equalTo("kitchen"))
                .body("stock", equalTo(12))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        given().when().get("/api/products/" + id).then().statusCode(200).body("name", equalTo("Espresso Cups"));

        body.put("name", "Espresso Cups, set of 4");
        body.put("currency", "EUR");
        body.put("category", "coffee-tea");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().put("/api/products/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Espresso Cups, set of 4"))
                .body("category", equalTo("coffee-tea"));

        given().auth().oauth2(TestTokens.admin()).when().delete("/api/products/" + id)
                .then().statusCode(204);
        given().when().get("/api/products/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().delete("/api/products/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aForgedHostNeverReachesTheLocation() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .body(Products.body("Forged Host", "1.00", 1))
                .when().post("/api/products")
                .then().statusCode(201)
                .header("Location", startsWith("http://localhost:8080/api/products/"));
    }

    @Test
    void withoutATokenWritesAre401Problems() {
        given().contentType(ContentType.JSON).body(Products.body("No token", "1.00", 1))
                .when().post("/api/products")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401));
        given().when().delete("/api/products/1").then().statusCode(401);
    }

    @Test
    void aCustomerIsForbidden() {
        given().auth().oauth2(TestTokens.customer()).contentType(ContentType.JSON)
                .body(Products.body("Customer", "1.00", 1))
                .when().post("/api/products")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        given().auth().oauth2(TestTokens.customer()).when().delete("/api/products/1").then().statusCode(403);
    }

    @Test
    void tokensThatAreExpiredForeignOrFromAnotherIssuerAre401() {
        for (String token : new String[] {
                TestTokens.expired("someone"),
                TestTokens.signedByAnotherKey("someone"),
                TestTokens.withIssuer("someone", "https://evil.example"),
                "not-a-jwt"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Products.body("Bad", "1.00", 1))
                    .when().post("/api/products")
                    .then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aDuplicateSkuIsAConflict() {
        Map<String, Object> body = Products.body("First", "5.00", 1);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/products").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shop:problem:duplicate-sku"))
                .body("detail", containsString((String) body.get("sku")));
    }

    @Test
    void anotherCurrencyIsRefused() {
        Map<String, Object> body = Products.body("Dollars", "5.00", 1);
        body.put("currency", "USD");
        invalid(body, "currency");
    }

    @Test
    void anUnknownCategoryIsRefused() {
        Map<String, Object> body = Products.body("Nowhere", "5.00", 1);
        body.put("category", "no-such-category");
        invalid(body, "category");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name        | ",
            "name        | '   '",
            "sku         | lower-case",
            "price       | -1",
            "price       | 1.999",
            "stock       | -5",
            "description | ",
            "category    | ",
    })
    void eachInvalidFieldIsNamed(String field, String value) {
        Map<String, Object> body = Products.body("Valid", "5.00", 1);
        Object typed = value;
        if (value != null && (field.equals("price") || field.equals("stock"))) {
            typed = new java.math.BigDecimal(value);
        }
        body.put(field, typed);
        invalid(body, field);
    }

    @Test
    void wrongJsonTypesAreNamed() {
        Map<String, Object> body = Products.body("Typed", "5.00", 1);
        body.put("price", "cheap");
        invalid(body, "price");
        body = Products.body("Typed", "5.00", 1);
        body.put("stock", 1.5);
        invalid(body, "stock");
        body = Products.body("Typed", "5.00", 1);
        body.put("stock", "7");
        invalid(body, "stock");
        body = Products.body("Typed", "5.00", 1);
        body.put("colour", "red");
        invalid(body, "colour");
    }

    @Test
    void malformedAndMissingBodiesAre400Problems() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"sku\": ")
                .when().post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("not valid JSON"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .when().post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", endsWith("/api/products"))
                .body("errors.field", hasItem(field));
    }
}
