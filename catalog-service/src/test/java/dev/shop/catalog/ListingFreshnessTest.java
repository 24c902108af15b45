package dev.shop.catalog;

import dev.shop.testing.TestDatabase;
import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listings and searches are read from memory too (domain/ProductViews), with the product page's
 * bounds: a change through this service shows in the next listing, whichever listing it touches
 * (a product's new stock, a product that now matches or no longer does), one it did not make within
 * the time to live (3 s in tests), and a query the service refused is asked anew, not remembered.
 */
@QuarkusTest
class ListingFreshnessTest {

    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(3);

    @Test
    void aChangeThroughThisServiceShowsInTheNextListing() {
        String word = uniqueWord();
        long first = Products.create("Grater " + word, "8.00", 10);
        assertEquals(List.of(10), stocks(word));

        UUID reservation = UUID.randomUUID();
        Reservations.reserve(reservation, first, 4).then().statusCode(201);
        assertEquals(List.of(6), stocks(word), "a reservation's stock shows in the listing");

        long second = Products.create("Peeler " + word, "5.00", 3);
        assertEquals(List.of(6, 3), stocks(word), "a new product that matches is listed");

        Map<String, Object> renamed = Products.body("Zester", "5.00", 3);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(renamed)
                .when().put("/api/products/" + second).then().statusCode(200);
        assertEquals(List.of(6), stocks(word), "a product that no longer matches is not listed");

        given().auth().oauth2(TestTokens.admin()).when().delete("/api/products/" + first).then().statusCode(204);
        assertEquals(List.of(), stocks(word), "a deleted product is not listed");
    }

    @Test
    void aChangeThisServiceDidNotMakeShowsWithinTheTimeToLive() throws Exception {
        String word = uniqueWord();
        long product = Products.create("Sieve " + word, "7.00", 20);
        assertEquals(List.of(20), stocks(word));

        Products.setStockBehindTheServicesBack(product, 15);
        assertEquals(List.of(20), stocks(word), "read from memory: the listing does not see the write yet");
        Products.waitUntil(() -> stocks(word).equals(List.of(15)), TIME_TO_LIVE.plusSeconds(5),
                "the listing still shows the old stock well after the time to live");
    }

    @Test
    void aRefusedQueryIsAskedAgainNotRemembered() throws Exception {
        String slug = "new-" + uniqueWord().toLowerCase();
        given().queryParam("category", slug).when().get("/api/products").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));

        try (Connection connection = TestDatabase.get().connectAsAdmin();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into catalog.category (slug, name) values (?, 'Made by a test')")) {
            insert.setString(1, slug);
            assertEquals(1, insert.executeUpdate());
        }

        given().queryParam("category", slug).when().get("/api/products").then().statusCode(200)
                .body("totalItems", equalTo(0));
    }

    /** The stock of each product whose name or description has {@code word}, in the listing's order. */
    private static List<Integer> stocks(String word) {
        JsonPath page = given().queryParam("q", word).queryParam("sort", "-price")
                .when().get("/api/products").then().statusCode(200).extract().jsonPath();
        List<Integer> stocks = page.getList("items.stock", Integer.class);
        assertEquals(stocks.size(), page.getInt("totalItems"), "the count agrees with the items");
        return stocks;
    }

    private static String uniqueWord() {
        return "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
