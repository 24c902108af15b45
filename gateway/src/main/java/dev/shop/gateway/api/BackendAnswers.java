package dev.shop.gateway.api;

import dev.shop.gateway.domain.Backend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code shop_gateway_answers_total{backend, status}}: what the gateway answered to each request it
 * routed, by the backend that owns the route, whether the answer came from a replica or from the
 * gateway itself (503 when the backend is unavailable, 408/413 for a body it would not read).
 * "reset": the connection closed before the answer ended. Status codes are a bounded set, and the
 * counters are made once each and kept, so counting costs a map lookup per request.
 */
@ApplicationScoped
class BackendAnswers {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    BackendAnswers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the answer to this request when it has gone out. */
    void countWhenAnswered(RoutingContext rc, Backend backend) {
        rc.addEndHandler(ended -> counter(backend, ended.succeeded() ? statusOf(rc) : "reset").increment());
    }

    private static String statusOf(RoutingContext rc) {
        return Integer.toString(rc.response().getStatusCode());
    }

    private Counter counter(Backend backend, String status) {
        return counters.computeIfAbsent(backend.service() + ' ' + status, key -> Counter.builder("shop.gateway.answers")
                .description("Answers to routed requests, by the backend that owns the route and the status sent")
                .tag("backend", backend.service())
                .tag("status", status)
                .register(registry));
    }
}
