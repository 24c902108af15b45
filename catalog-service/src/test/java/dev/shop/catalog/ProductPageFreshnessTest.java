package dev.shop.catalog;

import dev.shop.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The product page is read from memory (domain/ProductViews), and how stale it may be is bounded:
 * a change through this service shows at the next read, a change it did not make (another replica's)
 * within the cache's time to live (3 s in tests), and a reservation never trusts what a page showed.
 */
@QuarkusTest
class ProductPageFreshnessTest {

    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(3);

    @Test
    void aChangeThroughThisServiceShowsAtTheNextRead() {
        long product = Products.create("Milk Jug", "11.00", 10);
        assertEquals(10, Products.stock(product));

        UUID reservation = UUID.randomUUID();
        Reservations.reserve(reservation, product, 4).then().statusCode(201);
        assertEquals(6, Products.stock(product));
        Reservations.release(reservation).then().statusCode(204);
        assertEquals(10, Products.stock(product));

        Map<String, Object> body = Products.body("Milk Jug, large", "12.00", 7);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().put("/api/products/" + product).then().statusCode(200);
        given().when().get("/api/products/" + product).then().statusCode(200)
                .body("name", equalTo("Milk Jug, large")).body("stock", equalTo(7));

        given().auth().oauth2(TestTokens.admin()).when().delete("/api/products/" + product).then().statusCode(204);
        given().when().get("/api/products/" + product).then().statusCode(404);
    }

    @Test
    void aChangeThisServiceDidNotMakeShowsWithinTheTimeToLive() throws Exception {
        long product = shownThenChangedBehindTheServicesBack("Tea Strainer", 20, 15);

        Products.waitUntil(() -> Products.stock(product) == 15, TIME_TO_LIVE.plusSeconds(5),
                "the page still shows the old stock well after the time to live");
    }

    @Test
    void aReservationNeverTrustsWhatThePageShowed() throws Exception {
        long product = shownThenChangedBehindTheServicesBack("Last Kettle", 1, 0);

        Reservations.reserve(UUID.randomUUID(), product, 1).then().statusCode(409)
                .body("type", equalTo("urn:shop:problem:insufficient-stock"));
    }

    /**
     * A product whose page was read (so it is in memory) with {@code shown} in stock, then set to
     * {@code actual} behind the service's back; the page still shows {@code shown}.
     */
    private static long shownThenChangedBehindTheServicesBack(String name, int shown, int actual) throws SQLException {
        long product = Products.create(name, "6.00", shown);
        assertEquals(shown, Products.stock(product));
        Products.setStockBehindTheServicesBack(product, actual);
        assertEquals(shown, Products.stock(product), "read from memory: the page does not see the write yet");
        return product;
    }
}
