package dev.shop.gateway.api;

import dev.shop.common.warmup.WarmupTask;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a few requests to this gateway's own routes, through the whole proxy path (discovery,
 * breaker, connection pool, tracing). If a backend is not up yet they fail fast, which warms most
 * of the path all the same; the breakers then forget them, so that warm-up never opens one.
 */
@ApplicationScoped
class ProxyWarmup implements WarmupTask {

    private final URI self;
    private final CircuitBreakerMaintenance breakers;

    ProxyWarmup(@ConfigProperty(name = "quarkus.http.host") String host,
                @ConfigProperty(name = "quarkus.http.port") int port,
                CircuitBreakerMaintenance breakers) {
        this.self = URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port);
        this.breakers = breakers;
    }

    @Override
    public void run() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            for (String path : new String[] {"/api/categories", "/api/products/1", "/api/orders", "/api/inventory"}) {
                client.send(HttpRequest.newBuilder(self.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            breakers.resetAll();
        }
    }
}
