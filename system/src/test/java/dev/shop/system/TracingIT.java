package dev.shop.system;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One order request, one trace: the gateway, order-service and catalog-service each record spans
 * under the trace id the request came with, each service's server span the child of its caller's.
 */
class TracingIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Listens before the shop starts and after it stopped. */
    @RegisterExtension
    @Order(1)
    static final TestCollector collector = new TestCollector();

    /** Its own shop: every service exports its spans to the collector. */
    @RegisterExtension
    @Order(2)
    static final RunningShop shop = RunningShop.ofItsOwn(settings -> settings
            .everyService("SHOP_OTLP_ENDPOINT", collector.endpoint())
            .everyService("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf")
            .everyService("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));

    @Test
    void anOrderIsOneTraceAcrossTheGatewayOrderServiceAndCatalogService() throws Exception {
        String token = shop.newCustomerToken();
        String traceId = placeTracedOrder(token);

        List<TestCollector.Span> trace = awaitSpans(traceId, Set.of("gateway", "order-service", "catalog-service"));

        TestCollector.Span gateway = server(trace, "gateway");
        TestCollector.Span orders = server(trace, "order-service");
        TestCollector.Span catalog = server(trace, "catalog-service");
        Set<String> gatewaySpans = spanIds(trace, "gateway");
        Set<String> orderSpans = spanIds(trace, "order-service");
        assertTrue(gatewaySpans.contains(orders.parentSpanId()),
                "order-service's request continues a gateway span: " + trace);
        assertTrue(orderSpans.contains(catalog.parentSpanId()),
                "catalog-service's request continues an order-service span: " + trace);
        assertEquals(traceId, gateway.traceId());
    }

    /**
     * Places an order under a new trace id and returns it. The gateway's 1.5 s budget can cut off a
     * first order on a loaded machine with a 503; that is the gateway working, not a tracing fault,
     * so such an order is retried under a fresh trace (and key) a few times.
     */
    private static String placeTracedOrder(String token) {
        for (int attempt = 1; ; attempt++) {
            String traceId = randomHex(16);
            int status = shop.through().auth().oauth2(token)
                    .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                    .header("Idempotency-Key", randomHex(16))
                    .body(Map.of("items", List.of(Map.of("productId", 12, "quantity", 1))))
                    .when().post("/api/orders")
                    .then().extract().statusCode();
            if (status == 201) {
                return traceId;
            }
            if (status != 503 || attempt == 3) {
                throw new AssertionError("order through the gateway answered " + status + " (attempt " + attempt + ")");
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static TestCollector.Span server(List<TestCollector.Span> trace, String service) {
        return trace.stream().filter(s -> s.service().equals(service) && s.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no server span from " + service + ": " + trace));
    }

    private static Set<String> spanIds(List<TestCollector.Span> trace, String service) {
        return trace.stream().filter(s -> s.service().equals(service)).map(TestCollector.Span::spanId)
                .collect(Collectors.toSet());
    }

    private static List<TestCollector.Span> awaitSpans(String traceId, Set<String> services) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<TestCollector.Span> trace = collector.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
            boolean complete = services.stream().allMatch(service -> trace.stream().anyMatch(
                    s -> s.service().equals(service) && s.kind() == SpanKind.SPAN_KIND_SERVER));
            if (complete) {
                return trace;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("spans of trace " + traceId + " so far: " + trace);
            }
            Thread.sleep(200);
        }
    }
}
