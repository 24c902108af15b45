package dev.shop.common.warmup;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last step of the warm-up: real GET requests to this replica's own HTTP port. The
 * tasks before it run the service's domain in-process; these run what sits in front of it (Vert.x,
 * routing, the REST layer's readers and writers, security, metrics, problem details), which was
 * otherwise first loaded and run by the first customer's request. The product page's first request
 * after ready took 85.5 ms without this step and 7.2 ms with it, against 1.1–1.4 ms once warm
 * (docs/performance.md). Only reads, and only the paths a service lists for it.
 */
@ApplicationScoped
class HttpSelfRequests {

    private static final Logger LOG = Logger.getLogger(HttpSelfRequests.class);

    /** {@code shop.warmup.*}: what the warm-up asks of the service's own HTTP port. */
    @ConfigMapping(prefix = "shop.warmup")
    interface Settings {
        /** GET paths (with their query) this service answers; a 4xx answer still runs the stack in front of the resource. */
        Optional<List<String>> httpPaths();

        /** How many times each path is requested. */
        @WithDefault("20")
        int httpRequests();
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Settings settings;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    HttpSelfRequests(Vertx vertx, HttpServer server, Settings settings) {
        this.vertx = vertx;
        this.server = server;
        this.settings = settings;
    }

    void onListening(@ObservesAsync HttpServerStart start) {
        listening.complete(null);
    }

    /**
     * Once the HTTP server listens, sends each path {@code shop.warmup.http-requests} times, one
     * after the other, to the address and port it listens on; returns how many answers had each status.
     */
    Map<Integer, Integer> send() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> paths = settings.httpPaths().orElse(List.of());
        if (paths.isEmpty()) {
            return statuses;
        }
        listening.get(1, TimeUnit.MINUTES);
        // Where it listens (Quarkus says "localhost" for 0.0.0.0): a replica may have a loopback address of its own.
        URI own = server.getLocalBaseUri();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(own.getHost()).setDefaultPort(own.getPort()).setConnectTimeout(2_000));
        try {
            for (int i = 0; i < settings.httpRequests(); i++) {
                for (String path : paths) {
                    int status = client.request(HttpMethod.GET, path)
                            .compose(request -> request.send())
                            .compose(response -> response.body().map(body -> response.statusCode()))
                            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                    statuses.merge(status, 1, Integer::sum);
                }
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (statuses.keySet().stream().anyMatch(status -> status >= 500)) {
            LOG.warnf("Warm-up requests to %s answered %s", paths, statuses);
        }
        return statuses;
    }
}
