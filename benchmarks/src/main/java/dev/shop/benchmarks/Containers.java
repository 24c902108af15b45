package dev.shop.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop in containers, when Docker and the images are there (mvn package -Pimages): image
 * sizes, start → ready of each container, catalog-service at 1, 2 and 3 replicas behind the
 * gateway, and each container's memory idle and after those reads. Compose runs it, as a user would; the variables compose reads (SHOP_POSTGRES_IMAGE, ...)
 * are passed on.
 */
final class Containers {

    private static final List<String> SERVICES = List.of("catalog-service", "user-service", "order-service", "gateway");
    private static final URI GATEWAY = URI.create("http://127.0.0.1:8080");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Path repository;
    private final List<String> compose;

    private Containers(Path repository, List<String> compose) {
        this.repository = repository;
        this.compose = compose;
    }

    static void measure(Path repository, Report report, Duration duration) {
        report.section("In containers", """
                The images (`mvn package -Pimages`) run by `docker compose`, on the same machine. Start → ready
                is from `docker start` to `/q/health/ready` UP, asked from the host. Then catalog-service at 1,
                2 and 3 replicas (`--scale`), loaded through the gateway with wrk; "spread" is how 300
                sequential requests fell on the replicas (`X-Served-By`). On 2 cores the replicas share the
                same CPUs as everything else, so this shows the spreading, not a speed-up.
                """);
        List<String> compose = Commands.succeeds("docker", "compose", "version") ? List.of("docker", "compose")
                : Commands.succeeds("docker-compose", "version") ? List.of("docker-compose") : null;
        if (compose == null || !Commands.succeeds("docker", "info") || !imagesBuilt()) {
            report.text("Not measured in this run: no Docker engine, no compose, or the images are not built (`mvn package -Pimages`).");
            return;
        }
        Containers containers = new Containers(repository, compose);
        try {
            containers.run(report, duration);
        } catch (RuntimeException e) {
            report.text("Not measured to the end in this run: " + e.getMessage().lines().findFirst().orElse(""));
        } finally {
            containers.compose("down", "-v", "--remove-orphans");
        }
    }

    private static boolean imagesBuilt() {
        return SERVICES.stream().allMatch(s -> Commands.succeeds("docker", "image", "inspect", image(s)));
    }

    private void run(Report report, Duration duration) {
        compose("down", "-v", "--remove-orphans");
        compose("up", "-d");
        awaitGateway();
        report.table("Image", "Size", "Start → ready");
        for (String service : SERVICES) {
            String container = container(service);
            docker("stop", container);
            long started = System.nanoTime();
            docker("start", container);
            awaitReady(container);
            double seconds = (System.nanoTime() - started) / 1e9;
            long size = Long.parseLong(docker("image", "inspect", "--format", "{{.Size}}", image(service)).trim());
            report.row(image(service), "%d MB".formatted(size / 1_000_000), "%.1f s".formatted(seconds));
        }
        awaitGateway();
        ProcessStats.settle();
        Map<String, String> idle = new TreeMap<>();
        SERVICES.forEach(service -> idle.put(service, memory(container(service))));
        report.table("catalog-service replicas", "Through the gateway (`GET /api/products/{id}`)", "Spread of 300 requests");
        for (int replicas = 1; replicas <= 3; replicas++) {
            compose("up", "-d", "--scale", "catalog-service=" + replicas);
            awaitSpread(replicas);
            Wrk.Result result = Wrk.run(GATEWAY.resolve("/api/products/7"), duration, null, Map.of());
            report.row(replicas, result.summary(), spread().values().toString());
        }
        report.text("""
                Memory in the containers, each limited to 512 MiB by compose: the JVM's resident set (PID 1's
                VmRSS) and the container's use as `docker stats` shows it (without the page cache), idle after
                start-up and after the reads above (catalog-service's first replica and the gateway carried
                them; user-service and order-service were not loaded here). Targets for the data services:
                ≤ 160 MiB idle, ≤ 256 MiB after load.""");
        report.table("Container", "Idle: JVM / container", "After the reads: JVM / container");
        SERVICES.forEach(service -> report.row(service, idle.get(service), memory(container(service))));
    }

    /** The JVM's resident set (it is PID 1) and the container's memory use, as "231 / 236 MiB". */
    private static String memory(String container) {
        String status = docker("exec", container, "cat", "/proc/1/status");
        double rss = status.lines().filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0)
                .orElseThrow(() -> new IllegalStateException("no VmRSS for PID 1 in " + container));
        String usage = docker("stats", "--no-stream", "--format", "{{.MemUsage}}", container).trim();
        return "%.0f / %.0f MiB".formatted(rss, mebibytes(usage.substring(0, usage.indexOf('/')).trim()));
    }

    /** docker's "236.4MiB" (or kB, GiB) in MiB. */
    static double mebibytes(String amount) {
        String number = amount.replaceAll("[^0-9.]", "");
        String unit = amount.substring(number.length()).trim().toLowerCase(java.util.Locale.ROOT);
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "b" -> value / (1024 * 1024);
            case "kib", "kb" -> value / 1024;
            case "mib", "mb" -> value;
            case "gib", "gb" -> value * 1024;
            default -> throw new IllegalArgumentException("not an amount of memory: " + amount);
        };
    }

    private void awaitSpread(int replicas) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (spread().size() < replicas) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway never reached " + replicas + " catalog-service replicas");
            }
            pause();
        }
    }

    /** How many of 300 requests each replica answered. */
    private static Map<String, Integer> spread() {
        Map<String, Integer> served = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(GATEWAY.resolve("/api/products/" + (i % 60 + 1))).build(),
                        HttpResponse.BodyHandlers.discarding());
                response.headers().firstValue("X-Served-By").ifPresent(by -> served.merge(by, 1, Integer::sum));
            } catch (java.io.IOException e) {
                // counted as not served
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return served;
            }
        }
        return served;
    }

    private void awaitGateway() {
        awaitReady(container("gateway"));
    }

    /**
     * Readiness on the management port, asked inside the container: the port is not published, and
     * the backends sit on internal networks the host does not reach.
     */
    private static void awaitReady(String container) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                docker("exec", container, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /q/health/ready "
                        + "HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '");
                return;
            } catch (RuntimeException e) {
                // not yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(container + " was not ready within 3 minutes");
    }

    private String container(String service) {
        return compose("ps", "-q", service).lines().findFirst().orElseThrow().trim();
    }

    private String compose(String... arguments) {
        List<String> command = new java.util.ArrayList<>(compose);
        command.addAll(List.of("--project-directory", repository.toString(), "-f", repository.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        return Commands.run(command, Map.of(), Duration.ofMinutes(5));
    }

    private static String docker(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return Commands.run(command, Map.of(), Duration.ofMinutes(2));
    }

    private static String image(String service) {
        return "shop/" + service + ":1.0.0-SNAPSHOT";
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
