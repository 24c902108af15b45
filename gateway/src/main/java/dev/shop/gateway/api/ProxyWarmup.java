package dev.shop.gateway.api;

import dev.shop.common.warmup.WarmupTask;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a few requests to this gateway's own routes, through the whole proxy path (discovery,
 * replica selection, connection pool, tracing). If no backend replica is ready yet they are answered
 * 503 at once, which warms most of the path all the same, and blames no replica.
 */
@ApplicationScoped
class ProxyWarmup implements WarmupTask {

    private final URI self;

    ProxyWarmup(@ConfigProperty(name = "quarkus.http.host") String host,
                @ConfigProperty(name = "quarkus.http.port") int port) {
        this.self = URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port);
    }

    @Override
    public void run() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        for (String path : new String[] {"/api/categories", "/api/products/1", "/api/orders", "/api/inventory"}) {
            client.send(HttpRequest.newBuilder(self.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
