package dev.shop.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CatalogReadTest {

    @Test
    void listsTheDemoCategories() {
        given().when().get("/api/categories")
                .then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(6))
                .body("slug", hasItems("books", "coffee-tea", "kitchen", "electronics", "outdoor", "garden"))
                .body("find { it.slug == 'coffee-tea' }.name", equalTo("Coffee & Tea"));
    }

    @Test
    void aFreshCatalogHasAtLeastSixtyProductsInPagesOfTwenty() {
        given().when().get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(20))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("totalItems", greaterThanOrEqualTo(60))
                .body("totalPages", greaterThanOrEqualTo(3));
    }

    @Test
    void showsOneProductWithItsCategorySlugAndAnExactPrice() {
        given().when().get("/api/products/1")
                .then().statusCode(200)
                .body("id", equalTo(1))
                .body("sku", equalTo("BOOK-001"))
                .body("category", equalTo("books"))
                .body("currency", equalTo("EUR"))
                .body("stock", greaterThanOrEqualTo(0));
        String raw = given().when().get("/api/products/1").asString();
        assertTrue(raw.contains("\"price\":39.90"), "the price keeps its two decimals: " + raw);
    }

    @Test
    void anUnknownProductIsA404Problem() {
        given().when().get("/api/products/999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/products/999999"));
    }

    @Test
    void filtersByCategory() {
        given().queryParam("category", "books").queryParam("size", 100)
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items.category", everyItem(equalTo("books")))
                .body("totalItems", greaterThanOrEqualTo(8));
    }

    @Test
    void searchesNameAndDescriptionIgnoringCase() {
        given().queryParam("q", "ESPRESSO")
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items.sku", hasItems("BREW-002", "BREW-006"));
        given().queryParam("q", "dutch oven")
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items.sku", hasItem("KTCH-005"));
    }

    @Test
    void searchTreatsWildcardsAsText() {
        given().queryParam("q", "%")
                .when().get("/api/products")
                .then().statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    void combinesCategorySearchAndPaging() {
        JsonPath page = given().queryParam("category", "electronics").queryParam("q", "usb")
                .queryParam("size", 1).queryParam("page", 1)
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .extract().jsonPath();
        assertTrue(page.getInt("totalItems") >= 2);
        assertEquals(page.getInt("totalItems"), page.getInt("totalPages"));
    }

    @Test
    void sortsByNameThenPriceUpAndDown() {
        List<String> names = given().queryParam("category", "garden").queryParam("sort", "name")
                .when().get("/api/products").then().statusCode(200)
                .extract().jsonPath().getList("items.name", String.class);
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names);

        List<BigDecimal> up = prices("price");
        assertEquals(up.stream().sorted().toList(), up);
        List<BigDecimal> down = prices("-price");
        assertEquals(down.stream().sorted(Comparator.reverseOrder()).toList(), down);
    }

    private static List<BigDecimal> prices(String sort) {
        return given().queryParam("category", "garden").queryParam("sort", sort)
                .when().get("/api/products").then().statusCode(200)
                .extract().jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(BIG_DECIMAL))
                .getList("items.price", BigDecimal.class);
    }

    @ParameterizedTest
    @CsvSource({
            "size, 0", "size, 101", "size, ten", "size, 1.5",
            "page, -1", "page, abc", "sort, cheapest", "category, no-such-category"
    })
    void badListingParametersAre400ProblemsNamingTheParameter(String parameter, String value) {
        given().queryParam(parameter, value)
                .when().get("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("urn:shop:problem:"))
                .body("errors[0].field", equalTo(parameter));
    }

    @Test
    void theLargestPageSizeIsAccepted() {
        given().queryParam("size", 100).when().get("/api/products")
                .then().statusCode(200).body("size", equalTo(100));
    }
}
