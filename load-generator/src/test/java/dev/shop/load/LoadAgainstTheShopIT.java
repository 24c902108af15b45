package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.localrun.Service;
import dev.shop.localrun.ShopSettings;
import dev.shop.localrun.ShopSystem;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged generator against the whole shop, started as the one-command local run starts it
 * (PostgreSQL and the four services as processes, on free ports): a short profile through the
 * gateway, checked from the JSON summary.
 */
@QuarkusMainIntegrationTest
class LoadAgainstTheShopIT {

    static ShopSystem shop;

    @BeforeAll
    static void start() {
        shop = ShopSystem.start(new ShopSettings(Path.of(System.getProperty("shop.repository")))
                .logDirectory(Path.of(System.getProperty("shop.logs")))
                .randomPorts());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aShortProfileThroughTheGatewayGetsOnlyAnswers(QuarkusMainLauncher launcher) throws IOException {
        Path json = Path.of("target", "load-it", "summary.json").toAbsolutePath();
        Path requests = Path.of("target", "load-it", "requests.csv").toAbsolutePath();
        Files.deleteIfExists(json);
        Files.deleteIfExists(requests);

        // 20/s: 2 s up, 5 s at the peak, 2 s down = 140 requests; every action weighted enough to occur.
        LaunchResult result = launcher.launch("--target", shop.uri(Service.GATEWAY).toString(),
                "--rate", "20", "--ramp", "2s", "--hold", "5s", "--drop", "2s", "--shoppers", "5",
                "--mix", "browse=25,search=15,product=15,order=15,list=10,cancel=10,login=10",
                "--report-every", "2s", "--max-error-rate", "0", "--summary-json", json.toString(),
                "--request-log", requests.toString());

        System.out.println(result.getOutput());
        assertEquals(0, result.exitCode(), () -> result.getOutput() + result.getErrorOutput());
        assertTrue(result.getOutput().contains(" hold "), result::getOutput);
        assertTrue(result.getOutput().contains("Summary: profile completed"), result::getOutput);

        Summary summary = new ObjectMapper().readValue(json.toFile(), Summary.class);
        assertEquals(140, summary.profile().plannedRequests());
        assertEquals(140, summary.requests().scheduled(), "every request of the profile came due");
        assertEquals(140, summary.requests().sent(), "and was sent: none dropped");
        assertEquals(0, summary.requests().errors(), () -> "no 5xx, no timeouts, no failed connections: " + summary.statuses());
        summary.statuses().keySet().forEach(status -> assertTrue(status.matches("20[01]|409"),
                () -> "only answers a correct client gets (409 when stock runs out): " + summary.statuses()));
        assertTrue(summary.orders().placed() >= 1, () -> "orders were placed: " + summary.actions().get("order"));
        for (Map.Entry<String, Summary.ActionSummary> action : summary.actions().entrySet()) {
            assertTrue(action.getValue().requests() > 0, () -> action.getKey() + " was exercised: " + summary.actions());
        }
        assertTrue(summary.orders().cancelled() >= 1, () -> "orders were cancelled: " + summary.actions().get("cancel"));
        long logins = summary.actions().get("login").statuses().getOrDefault("200", 0L);
        assertEquals(summary.actions().get("login").requests(), logins, () -> "every login answered 200: " + summary.actions());
        assertEquals(5 + logins, summary.logins(), "each shopper logged in once before the load, and at each login");
        assertEquals(0, summary.failures().total(), () -> summary.failures().describe());
        assertEquals(summary.requests().sent(), summary.latency().count(), "every request sent was timed");
        assertTrue(summary.latency().p50() > 0 && summary.latency().p99() < 5000, () -> summary.latency().toString());
        assertFalse(summary.intervals().isEmpty(), "the progress lines' figures are in the summary");

        // One line per request, each an answer of the shop, with the action it was.
        List<String> lines = Files.readAllLines(requests);
        assertEquals(RequestLog.HEADER, lines.getFirst());
        assertEquals(140, lines.size() - 1, () -> String.join("\n", lines));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches("\\d{13},(browse|search|product|order|list|cancel|login),(200|201|409),\\d+\\.\\d"), line);
        }
    }
}
