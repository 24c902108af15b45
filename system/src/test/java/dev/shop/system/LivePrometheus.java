package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.localrun.Service;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package, or any on the PATH) scraping the running
 * shop every second, with the shipped rule files loaded: what the dashboards and alerts will see.
 * Without a {@code prometheus} binary the checks are skipped, unless {@code SHOP_REQUIRE_PROMETHEUS=true}
 * (CI), where that is a failure.
 */
final class LivePrometheus implements AutoCloseable {

    static final Path OBSERVABILITY = Path.of(System.getProperty("shop.repository")).resolve("observability");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Process process;
    private final Path directory;
    private final URI uri;

    private LivePrometheus(Process process, Path directory, URI uri) {
        this.process = process;
        this.directory = directory;
        this.uri = uri;
    }

    /** Starts one scraping every service of {@code shop} by its management port, labelled as compose and Kubernetes label it. */
    static LivePrometheus scraping(RunningShop shop) throws IOException, InterruptedException {
        requirePrometheus();
        Path directory = Files.createTempDirectory("shop-prometheus");
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/*.yml
                scrape_configs:
                """.formatted(OBSERVABILITY.resolve("prometheus/rules").toAbsolutePath()));
        for (Service service : Service.values()) {
            URI management = shop.managementUri(service);
            config.append("""
                      - job_name: %1$s
                        metrics_path: /q/metrics
                        static_configs:
                          - targets: ["%2$s:%3$d"]
                            labels: {service: %1$s}
                    """.formatted(service.module(), management.getHost(), management.getPort()));
        }
        Files.writeString(directory.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("prometheus", "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        LivePrometheus prometheus = new LivePrometheus(process, directory, URI.create("http://127.0.0.1:" + port));
        prometheus.awaitReady();
        return prometheus;
    }

    /** The {@code data} of an HTTP API answer, after checking that Prometheus says "success". */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError(pathAndQuery + ": " + answer.statusCode() + " " + answer.body());
        }
        return body.path("data");
    }

    /** An instant query's result vector (or scalar); fails when Prometheus cannot parse or run it. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        try {
            return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
        } catch (AssertionError e) {
            throw new AssertionError("Prometheus refused: " + promql + "\n" + e.getMessage(), e);
        }
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(directory.resolve("prometheus.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready in 30 s: " + Files.readString(directory.resolve("prometheus.log")));
    }

    private static void requirePrometheus() {
        boolean available;
        try {
            Process version = new ProcessBuilder("prometheus", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            available = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        if (!available) {
            String message = "no prometheus on the PATH (Debian: apt-get install prometheus)";
            if (Boolean.parseBoolean(System.getenv("SHOP_REQUIRE_PROMETHEUS"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort("Live Prometheus checks skipped: " + message);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
