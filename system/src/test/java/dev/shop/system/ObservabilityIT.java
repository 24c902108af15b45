package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.localrun.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards and alerts in {@code observability/} against the running shop: a real Prometheus
 * scrapes every service and evaluates the shipped rules while shoppers browse, order, cancel and
 * fail to log in. Then every service's target is up, every rule evaluates without error, and every
 * query of every dashboard panel and every rule parses and returns data, so that a metric renamed
 * in the code breaks the build instead of a dashboard.
 *
 * <p>Queries reading kube-state-metrics ({@code kube_*}) need a cluster: they must parse, and are
 * listed. An alert's condition is asked with {@code bool} comparisons, which keep every series with
 * 0 or 1 where the alert itself keeps only those firing: so "returns data" means that everything
 * the condition reads exists, not that it fires.
 */
class ObservabilityIT {

    @RegisterExtension
    static final RunningShop shop = RunningShop.shared();

    /** Long enough for two evaluations of every rate over one minute. */
    private static final Duration TRAFFIC = Duration.ofSeconds(25);
    private static final Pattern KUBE_STATE_METRICS = Pattern.compile("\\bkube_\\w+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LivePrometheus prometheus;

    @BeforeAll
    static void scrapeTheShopUnderTraffic() throws Exception {
        prometheus = LivePrometheus.scraping(shop);
        new Shoppers().shopFor(TRAFFIC);
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyServiceIsScrapedAndUp() throws Exception {
        for (Service service : Service.values()) {
            JsonNode up = prometheus.query("up{service=\"" + service.module() + "\"}");
            assertEquals(1, up.size(), service.module() + ": one target");
            assertEquals("1", up.get(0).path("value").get(1).asText(), service.module() + " is up");
        }
    }

    @Test
    void everyRuleEvaluatesAndReadsSeriesThatExist() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> clusterOnly = new ArrayList<>();
        int rules = 0;
        for (JsonNode group : prometheus.api("/api/v1/rules").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules++;
                String name = rule.path("name").asText();
                if (!"ok".equals(rule.path("health").asText())) {
                    failures.add(name + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
                String query = rule.path("query").asText();
                String asked = "alerting".equals(rule.path("type").asText()) ? PromQl.withBoolComparisons(query) : query;
                check(name, asked, failures, clusterOnly);
            }
        }
        assertTrue(rules >= 20, "the shipped rules are loaded: " + rules);
        assertEquals(List.of(), failures);
        System.out.println("Rules read only from kube-state-metrics (parsed, need a cluster for data): " + clusterOnly);
    }

    @Test
    void everyPanelOfEveryDashboardReturnsData() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> clusterOnly = new ArrayList<>();
        int queries = 0;
        try (Stream<Path> files = Files.list(LivePrometheus.OBSERVABILITY.resolve("grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : panelsOf(dashboard)) {
                    for (JsonNode target : panel.path("targets")) {
                        if (target.hasNonNull("expr")) {
                            queries++;
                            String name = file.getFileName() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText();
                            check(name, PromQl.asGrafanaSendsIt(target.path("expr").asText()), failures, clusterOnly);
                        }
                    }
                }
            }
        }
        assertTrue(queries >= 20, "the dashboards' queries are found: " + queries);
        assertEquals(List.of(), failures);
        System.out.println("Panels read only from kube-state-metrics (parsed, need a cluster for data): " + clusterOnly);
    }

    private static void check(String name, String query, List<String> failures, List<String> clusterOnly) throws Exception {
        JsonNode result;
        try {
            result = prometheus.query(query);
        } catch (AssertionError e) {
            failures.add(name + ": " + e.getMessage());
            return;
        }
        boolean empty = result.isArray() && result.isEmpty();
        if (empty && KUBE_STATE_METRICS.matcher(query).find()) {
            clusterOnly.add(name);
        } else if (empty) {
            failures.add(name + ": no data for " + query);
        }
    }

    private static List<JsonNode> panelsOf(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Traffic of every kind the dashboards show, through the gateway. */
    private static final class Shoppers {

        void shopFor(Duration duration) throws InterruptedException {
            String admin = shop.login(RunningShop.ADMIN_EMAIL, RunningShop.ADMIN_PASSWORD);
            long scarce = product(admin, 1);
            String customer = shop.newCustomerToken();
            failLoginsUntilLimited();
            long until = System.nanoTime() + duration.toNanos();
            for (int i = 0; System.nanoTime() < until; i++) {
                shop.through().when().get("/api/products").then().statusCode(200);
                shop.through().when().get("/api/products/" + (i % 10 + 1)).then().statusCode(200);
                shop.through().when().get("/api/categories").then().statusCode(200);
                if (i % 10 == 0) {
                    String order = order(customer, 1 + i % 5, 1).then().statusCode(201).extract().path("id");
                    shop.through().auth().oauth2(customer).when().post("/api/orders/" + order + "/cancel")
                            .then().statusCode(200);
                    order(customer, scarce, 2).then().statusCode(409);
                }
                Thread.sleep(50);
            }
        }

        /** user-service's limit: the eleventh failure in a row for one address is a 429. */
        private static void failLoginsUntilLimited() {
            String email = "guessed-" + UUID.randomUUID() + "@example.com";
            for (int i = 0; i < 11; i++) {
                shop.through().body(Map.of("email", email, "password", "guess " + i))
                        .when().post("/api/auth/login").then().statusCode(i < 10 ? 401 : 429);
            }
        }

        private static io.restassured.response.Response order(String token, long product, int quantity) {
            return shop.through().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("items", List.of(Map.of("productId", product, "quantity", quantity))))
                    .when().post("/api/orders");
        }

        private static long product(String admin, int stock) {
            return ((Number) shop.through().auth().oauth2(admin)
                    .body(Map.of("sku", "O-" + UUID.randomUUID().toString().substring(0, 12).toUpperCase(),
                            "name", "Scarce", "description", "Made by the observability test.",
                            "price", new BigDecimal("1.00"), "category", "kitchen", "stock", stock))
                    .when().post("/api/products")
                    .then().statusCode(201).extract().path("id")).longValue();
        }
    }

    /** What the checks do to a query before asking Prometheus. */
    static final class PromQl {

        private PromQl() {
        }

        /** Grafana's variables as Grafana fills them in with "All" selected and a 1 s scrape interval. */
        static String asGrafanaSendsIt(String expr) {
            return expr.replace("$__rate_interval", "1m").replace("${service}", ".*").replace("$service", ".*")
                    .replace("${instance}", ".*").replace("$instance", ".*");
        }

        /**
         * The condition with {@code bool} after every comparison outside label matchers and strings:
         * {@code a > 3} keeps the series of a above 3, {@code a > bool 3} every series of a, as 0 or 1.
         */
        static String withBoolComparisons(String expr) {
            StringBuilder out = new StringBuilder();
            int braces = 0;
            char quote = 0;
            for (int i = 0; i < expr.length(); i++) {
                char c = expr.charAt(i);
                out.append(c);
                if (quote != 0) {
                    if (c == '\\') {
                        out.append(expr.charAt(++i));
                    } else if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                switch (c) {
                    case '"', '\'', '`' -> quote = c;
                    case '{' -> braces++;
                    case '}' -> braces--;
                    case '>', '<', '=', '!' -> {
                        if (braces > 0) {
                            continue;
                        }
                        char next = i + 1 < expr.length() ? expr.charAt(i + 1) : 0;
                        if (next == '=' && c != '=' || c == '=' && next == '=') {
                            out.append(next);
                            i++;
                        } else if (c == '!' || c == '=') {
                            continue;
                        }
                        if (!expr.substring(i + 1).stripLeading().startsWith("bool")) {
                            out.append(" bool");
                        }
                    }
                    default -> { }
                }
            }
            return out.toString();
        }
    }
}
