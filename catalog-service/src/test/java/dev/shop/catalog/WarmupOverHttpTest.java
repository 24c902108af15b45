package dev.shop.catalog;

import dev.shop.testing.Management;
import dev.shop.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ready means the HTTP stack has served the service's own paths too (shop-common's HttpSelfRequests),
 * each as many times as configured, before any customer's request: the server's own request counts,
 * read before this test sends a single API request, are the warm-up's and nothing else's.
 */
@QuarkusTest
@TestProfile(WarmupOverHttpTest.SevenOfEach.class)
class WarmupOverHttpTest {

    /** Two paths, seven requests each: a product that does not exist and the category list. */
    public static class SevenOfEach implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.warmup.http-paths", "/api/products/999999,/api/categories",
                    "shop.warmup.http-requests", "7");
        }
    }

    @Test
    void readyComesAfterTheWarmUpServedEachPathOverHttp() {
        Readiness.await();
        String metrics = Management.request().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(7, served(metrics, "/api/products/{id}", "404"), metrics);
        assertEquals(7, served(metrics, "/api/categories", "200"), metrics);
    }

    private static long served(String metrics, String uri, String status) {
        Matcher line = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} ([0-9.]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        long count = 0;
        while (line.find()) {
            String tags = line.group(1);
            if (tags.contains("method=\"GET\"") && tags.contains("status=\"" + status + "\"")
                    && tags.contains("uri=\"" + uri + "\"")) {
                count += (long) Double.parseDouble(line.group(2));
            }
        }
        return count;
    }
}
