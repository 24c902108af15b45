package dev.shop.benchmarks;

import dev.shop.localrun.Service;
import dev.shop.localrun.ServiceProcess;
import dev.shop.localrun.ShopSettings;
import dev.shop.localrun.ShopSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mvn -Pbenchmark}: the shop's figures on this machine, in one run, written to
 * docs/performance.md. The services run as in their containers (the heap and the collector the JVM
 * picks under the container's memory limit); wrk loads them over HTTP from the same machine.
 */
public final class Benchmarks {

    private static final String ADMIN_EMAIL = "bench-admin@shop.example";
    private static final String ADMIN_PASSWORD = "a benchmark admin password";
    private static final int STARTS = 3;
    /** Rounds of a comparison: each variant measured this many times, in turn. */
    private static final int ROUNDS = 3;
    /** Two identical variants came out 30 % apart as medians of three rounds (2026-12-02): five here. */
    private static final int TRACING_ROUNDS = 5;
    /** The memory limit of each service's container (compose and the pods), which the JVM sizes itself by. */
    private static final Map<Service, String> MEMORY_LIMIT = Map.of(
            Service.CATALOG, "512m", Service.USERS, "512m", Service.ORDERS, "512m", Service.GATEWAY, "384m");
    private static final String SERIAL_GC = "-XX:+UseSerialGC";
    private static final String COMMON_CONFIGURATION = "common/src/main/resources/META-INF/microprofile-config.properties";
    /** The services an order goes through, whose CPU an order costs (its token is verified locally). */
    private static final List<Service> ORDER_PATH = List.of(Service.ORDERS, Service.CATALOG);

    private final Path repository;
    private final ShopSystem system;
    private final Report report;
    private final Path work;
    private final Duration duration;
    private final ShopApi api;
    private final Map<Service, Double> cpuMillisPerRequest = new EnumMap<>(Service.class);
    /** PostgreSQL's own floor in this run: what the reads are measured against. */
    private Pgbench.Result pgbench;

    private Benchmarks(Path repository, ShopSystem system, Report report, Path work, Duration duration) {
        this.repository = repository;
        this.system = system;
        this.report = report;
        this.work = work;
        this.duration = duration;
        this.api = new ShopApi(system.uri(Service.GATEWAY));
    }

    public static void main(String[] args) {
        Path repository = Path.of(System.getProperty("shop.repository", ".")).toAbsolutePath().normalize();
        for (String tool : List.of("wrk", "pgbench", "psql")) {
            if (!Commands.available(tool, "--version")) {
                System.err.println("The benchmarks need " + tool + ": apt-get install wrk postgresql-client (or your system's packages).");
                System.exit(2);
            }
        }
        Duration duration = Duration.ofSeconds(Long.getLong("shop.benchmark.seconds", 15));
        Path work = repository.resolve("benchmarks/target");
        Report report = new Report(Machine.describe(), "mvn -Pbenchmark");
        String variants = System.getProperty("shop.benchmark.compare.variants");
        if (variants != null && !variants.isBlank()) {
            // Only a comparison (A/B): written next to the build, not over the full report.
            compare(repository, report, work, duration, Comparison.variants(variants));
            return;
        }
        if (Boolean.getBoolean("shop.benchmark.containers-only")) {
            // Only the containers (images built): written next to the build, not over the full report.
            Containers.measure(repository, report, duration);
            report.writeFigures(work.resolve("containers.md"));
            return;
        }
        ShopSettings settings = new ShopSettings(repository).logDirectory(work.resolve("logs"))
                .randomPorts().administrator(ADMIN_EMAIL, ADMIN_PASSWORD);
        try (ShopSystem system = ShopSystem.start(settings)) {
            Benchmarks benchmarks = new Benchmarks(repository, system, report, work, duration);
            Map<Service, Double> idle = benchmarks.startUp();
            benchmarks.floors();
            benchmarks.reads();
            benchmarks.orders();
            benchmarks.memory(idle);
            benchmarks.sizing();
            benchmarks.tracing();
            benchmarks.jvmChoices();
        }
        Containers.measure(repository, report, duration);
        report.write(repository.resolve("docs/performance.md"));
    }

    /**
     * {@code -Dshop.benchmark.compare.variants="a: ... | b: ..."} (see {@link Comparison}), on
     * {@code shop.benchmark.compare.service} (catalog-service) at {@code shop.benchmark.compare.path}
     * ({@code /api/products/7}), {@code shop.benchmark.compare.rounds} (3) rounds. With
     * {@code -Dshop.benchmark.compare.service=order-service} the load is order placement
     * ({@code wrk/orders.lua}), and an order's CPU is summed over order-service and catalog-service.
     */
    private static void compare(Path repository, Report report, Path work, Duration duration, List<Comparison.Variant> variants) {
        String module = System.getProperty("shop.benchmark.compare.service", Service.CATALOG.module());
        Service service = java.util.Arrays.stream(Service.values()).filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        int rounds = Integer.getInteger("shop.benchmark.compare.rounds", ROUNDS);
        ShopSettings settings = new ShopSettings(repository).logDirectory(work.resolve("logs")).randomPorts()
                .administrator(ADMIN_EMAIL, ADMIN_PASSWORD);
        try (ShopSystem system = ShopSystem.start(settings)) {
            Comparison.Load load;
            String request;
            if (service == Service.ORDERS) {
                load = orderLoad(system, script(work, "orders.lua"));
                request = "`POST /api/orders` (CPU summed over order-service and catalog-service)";
            } else {
                String path = System.getProperty("shop.benchmark.compare.path", "/api/products/7");
                load = Comparison.Load.get(system.uri(service).resolve(path), service);
                request = "`GET " + path + "`";
            }
            report.section("Comparison: " + module + ", " + request, """
                    %d rounds; in each, %s restarted once per variant, warmed up by a %d s run and measured by the next.
                    """.formatted(rounds, module, duration.toSeconds()));
            Comparison comparison = new Comparison(system, service, duration,
                    builder -> inContainer(repository, service).forEach(builder::jvmOption));
            List<Comparison.Outcome> outcomes = comparison.measure(load, variants, rounds);
            Comparison.report(report, outcomes);
            // The floor in the same run, so that the figures above read as shares of what PostgreSQL can do here.
            Pgbench.Result floor = Pgbench.run(system.jdbcUrl(), duration);
            report.text("PostgreSQL's floor in this run (`pgbench -S -M prepared`, 32 clients): %,.0f tx/s. %s".formatted(
                    floor.transactionsPerSecond(), String.join("; ", outcomes.stream().map(o -> "%s %.1f %% of it".formatted(
                            o.variant().name(), 100 * o.medianRate() / floor.transactionsPerSecond())).toList()) + "."));
        }
        report.writeFigures(work.resolve("comparison.md"));
    }

    /**
     * What the order runs need: twenty products stocked far beyond what a run sells, an
     * administrator's and a customer's token, and the orders script's environment (one unit of one of the products per order).
     */
    private record OrderSetup(String admin, List<Long> products, String token, Map<String, String> environment) {

        static OrderSetup stock(ShopApi api) {
            String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            List<Long> products = api.productIds().subList(0, 20);
            products.forEach(p -> api.setStock(admin, p, 1_000_000));
            String token = api.newCustomerToken();
            return new OrderSetup(admin, products, token, Map.of("SHOP_BENCH_TOKEN", token, "SHOP_BENCH_PRODUCTS",
                    products.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow()));
        }

        /** One order of the first product, as the script sends them, each with an Idempotency-Key of its own. */
        FirstRequest oneOrder(URI orders) {
            return FirstRequest.post(orders, () -> List.of("Authorization: Bearer " + token,
                    "Idempotency-Key: alone-" + UUID.randomUUID()),
                    "{\"items\":[{\"productId\":" + products.getFirst() + ",\"quantity\":1}]}", 201);
        }
    }

    /** Order placement straight to order-service, an order's CPU charged to order-service and catalog-service. */
    private static Comparison.Load orderLoad(ShopSystem system, Path script) {
        OrderSetup setup = OrderSetup.stock(new ShopApi(system.uri(Service.GATEWAY)));
        URI orders = system.uri(Service.ORDERS).resolve("/api/orders");
        return new Comparison.Load(orders, script, setup.environment(), ORDER_PATH, setup.oneOrder(orders));
    }

    /** Start → ready of each service (median of three), then the resident memory of an idle shop. */
    private Map<Service, Double> startUp() {
        report.section("Start-up", """
                Process start → `/q/health/ready` UP, JVM mode, median of %d starts of each service with the
                others running. Ready means warm: each service first runs its own request paths once
                ([operations.md](operations.md#ready-means-warm)), so "Quarkus started" (its own log line) comes earlier. Target: ≤ 1.5 s.
                """.formatted(STARTS));
        report.table("Service", "Start → ready", "Quarkus started in", "Target ≤ 1.5 s");
        for (Service service : Service.values()) {
            List<Duration> starts = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                starts.add(system.restart(service, asInContainer(service)));
            }
            double ready = Comparison.median(starts.stream().map(d -> d.toMillis() / 1000.0).toList());
            report.row(service.module(), "%.2f s".formatted(ready), quarkusStarted(service), ready <= 1.5 ? "met" : "not met");
        }
        ProcessStats.settle();
        Map<Service, Double> idle = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            idle.put(service, ProcessStats.rssMiB(pid(service)));
        }
        return idle;
    }

    private void floors() {
        report.section("Floors", """
                What the layers below the services can do on this machine, for context: PostgreSQL's
                primary-key select (`pgbench -S -M prepared`, 32 clients, on the shop's own server) and a
                trivial HTTP endpoint (`GET /q/health/live` on catalog-service's management port, which checks nothing).
                """);
        pgbench = Pgbench.run(system.jdbcUrl(), duration);
        report.table("Floor", "Throughput", "Latency");
        report.row("PostgreSQL primary-key select (pgbench)", "%,.0f tx/s".formatted(pgbench.transactionsPerSecond()),
                "%.2f ms average".formatted(pgbench.averageMillis()));
        Wrk.Result http = wrk(system.managementUri(Service.CATALOG).resolve("/q/health/live"), null, Map.of());
        report.row("HTTP, `GET /q/health/live` (wrk)", "%,.0f req/s".formatted(http.requestsPerSecond()),
                "p50 %.2f ms, p99 %.2f ms".formatted(http.p50Millis(), http.p99Millis()));
    }

    private void reads() {
        report.section("Reads", """
                `wrk -t2 -c32 -d%ds --latency` after a warm-up run of the same length. Saturation: wrk
                sends as fast as answers come. Half: each connection pauses between requests so that about
                half the saturated rate arrives (wrk's `delay()`); the latency there is what a customer sees
                on a busy but not overloaded shop.
                """.formatted(duration.toSeconds()));
        report.table("Request", "At saturation", "At about half", "Target");
        URI catalog = system.uri(Service.CATALOG);
        URI gateway = system.uri(Service.GATEWAY);
        Map<ShopperRead, Measured> fromMemory = new EnumMap<>(ShopperRead.class);
        for (ShopperRead read : ShopperRead.values()) {
            fromMemory.put(read, saturatedAndHalf(read.request + " direct to catalog-service, as shipped (from memory)",
                    catalog.resolve(read.path), null, Map.of(), read == ShopperRead.PRODUCT_PAGE ? Service.CATALOG : null,
                    "≥ 30 % of pgbench, p99 ≤ 10 ms at half"));
        }
        system.restart(Service.CATALOG, asInContainer(Service.CATALOG).andThen(b -> b.env("QUARKUS_CACHE_ENABLED", "false")));
        Map<ShopperRead, Measured> fromDatabase = new EnumMap<>(ShopperRead.class);
        for (ShopperRead read : ShopperRead.values()) {
            fromDatabase.put(read, saturatedAndHalf(read.request + " direct, from the database (`QUARKUS_CACHE_ENABLED=false`)",
                    catalog.resolve(read.path), null, Map.of(), null, "for comparison"));
        }
        system.restart(Service.CATALOG, asInContainer(Service.CATALOG));
        Wrk.Result proxied = saturatedAndHalf(ShopperRead.PRODUCT_PAGE.request + " through the gateway",
                gateway.resolve(ShopperRead.PRODUCT_PAGE.path), Service.GATEWAY, "the gateway's CPU ≤ 0.1 ms per request");
        double gatewayCpu = cpuMillisPerRequest.get(Service.GATEWAY);
        saturatedAndHalf(ShopperRead.SEARCH.request + " through the gateway", gateway.resolve(ShopperRead.SEARCH.path), null, "");
        double floor = pgbench.transactionsPerSecond();
        for (ShopperRead read : ShopperRead.values()) {
            Measured cached = fromMemory.get(read);
            Measured uncached = fromDatabase.get(read);
            double share = 100 * cached.saturated().requestsPerSecond() / floor;
            double p99 = cached.half().p99Millis();
            report.text(("%s direct, as shipped: %.0f %% of pgbench's %,.0f tx/s in this run (target ≥ 30 %%: %s), p99 %.2f ms "
                    + "at half (target ≤ 10 ms: %s), %.3f ms of catalog-service's CPU per request. From the database: %.0f %% "
                    + "of pgbench, %.3f ms of CPU per request.").formatted(read.request, share, floor, share >= 30 ? "met" : "not met",
                    p99, p99 <= 10 ? "met" : "not met", cached.cpuMillis().get(Service.CATALOG),
                    100 * uncached.saturated().requestsPerSecond() / floor, uncached.cpuMillis().get(Service.CATALOG)));
        }
        report.text("Through the gateway: %.0f %% of direct; the gateway's own CPU %.3f ms per request (target ≤ 0.1 ms: %s)."
                .formatted(100 * proxied.requestsPerSecond() / fromMemory.get(ShopperRead.PRODUCT_PAGE).saturated().requestsPerSecond(),
                        gatewayCpu, gatewayCpu <= 0.1 ? "met" : "not met"));
    }

    /** The reads every shopper makes, each measured from memory (as shipped) and from the database. */
    private enum ShopperRead {
        PRODUCT_PAGE("`GET /api/products/{id}`", "/api/products/7"),
        LISTING("`GET /api/products` (the listing's first page)", "/api/products"),
        SEARCH("`GET /api/products?q=coffee`", "/api/products?q=coffee");

        private final String request;
        private final String path;

        ShopperRead(String request, String path) {
            this.request = request;
            this.path = path;
        }
    }

    private void orders() {
        report.section("Orders", """
                `POST /api/orders` straight to order-service, one product per order, a fresh Idempotency-Key
                each (`benchmarks/src/main/resources/wrk/orders.lua`): the saga's whole path, one call to
                catalog-service (the stock reserved and confirmed at once) and three transactions, two in
                order-service and one in catalog-service. Twenty products get a stock of
                1,000,000 first. Then a contest for a product with a stock of 100: 32 connections order it
                for 5 s; exactly 100 orders may succeed and the stock must end at 0.
                """);
        OrderSetup setup = OrderSetup.stock(api);
        List<Long> products = setup.products();
        String token = setup.token();
        int stockBefore = products.stream().mapToInt(api::stock).sum();
        Path script = script("orders.lua");
        URI orders = system.uri(Service.ORDERS).resolve("/api/orders");
        report.table("Request", "At saturation", "At about half", "Target");
        Measured measured = saturatedAndHalf("`POST /api/orders` direct to order-service", orders, script,
                setup.environment(), Service.ORDERS, "≥ 500 orders/s, p99 ≤ 50 ms at half");
        Wrk.Result saturated = measured.saturated();
        double perOrder = ORDER_PATH.stream().mapToDouble(measured.cpuMillis()::get).sum();
        report.text("CPU per order at saturation, summed over the services it goes through: %s = %.3f ms (target ≤ 2 ms: %s)."
                .formatted(String.join(" + ", ORDER_PATH.stream().map(s -> "%s %.3f ms".formatted(s.module(),
                        measured.cpuMillis().get(s))).toList()), perOrder, perOrder <= 2 ? "met" : "not met"));
        // What wrk saw is not the whole story: answers still in flight when a run stops are not
        // counted, and an order answered 503 is settled later. order-service's own records are.
        Map<String, Long> statuses = settledOrders(token);
        long confirmed = statuses.getOrDefault("CONFIRMED", 0L);
        int stockAfter = products.stream().mapToInt(api::stock).sum();
        report.text("order-service confirmed %,d orders in these runs (%s); the stock of the twenty products fell by %,d: %s."
                .formatted(confirmed, statuses, stockBefore - stockAfter,
                        confirmed == stockBefore - stockAfter ? "every confirmed order took exactly its stock" : "MISMATCH"));

        long contested = products.getFirst();
        api.setStock(setup.admin(), contested, 100);
        String contestant = api.newCustomerToken();
        Wrk.Result contest = Wrk.run(orders, Duration.ofSeconds(5), script,
                Map.of("SHOP_BENCH_TOKEN", contestant, "SHOP_BENCH_PRODUCTS", Long.toString(contested), "SHOP_BENCH_RUN", "contest"));
        long won = settledOrders(contestant).getOrDefault("CONFIRMED", 0L);
        int left = api.stock(contested);
        report.text("Contest for 100 in stock: wrk saw %,d answers (%d × 201, %d × 409 out of stock, %d other); order-service confirmed %d orders and %d are left in stock: %s. Target: zero oversell, %,.0f orders/s ≥ 500: %s."
                .formatted(contest.requests(), contest.statuses().getOrDefault("201", 0L), contest.statuses().getOrDefault("409", 0L),
                        contest.statuses().getOrDefault("other", 0L), won, left,
                        won == 100 && left == 0 ? "no oversell, nothing lost" : "OVERSOLD OR LOST", saturated.requestsPerSecond(),
                        saturated.requestsPerSecond() >= 500 ? "met" : "not met"));
    }

    /** This customer's orders by status once none is pending any more (recovery settles them within a minute). */
    private Map<String, Long> settledOrders(String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Long> statuses = api.orderStatuses(token);
        while (statuses.containsKey("PENDING") && System.nanoTime() < deadline) {
            pause(Duration.ofSeconds(2));
            statuses = api.orderStatuses(token);
        }
        return statuses;
    }

    private void memory(Map<Service, Double> idle) {
        report.section("Memory", """
                Resident set size (VmRSS) of each service's process: idle after start-up, and after all the
                load above. Heap as in the containers (75 % of the memory limit). Targets: ≤ 160 MiB idle,
                ≤ 256 MiB after load.
                """);
        report.table("Service", "Idle", "After load", "Targets");
        for (Service service : Service.values()) {
            double loaded = ProcessStats.rssMiB(pid(service));
            report.row(service.module(), "%.0f MiB".formatted(idle.get(service)), "%.0f MiB".formatted(loaded),
                    (idle.get(service) <= 160 ? "idle met" : "idle not met") + ", " + (loaded <= 256 ? "loaded met" : "loaded not met"));
        }
    }

    private void sizing() {
        report.section("Sizing the HPA", """
                Each HorizontalPodAutoscaler keeps a service's CPU at 70 % of its 250m request, so a replica
                is sized to use 175 ms of CPU per second. The CPU each request cost in the saturation runs
                above (process CPU time over requests answered) gives what one replica carries at that
                target, and how many replicas a rate needs.
                """);
        report.table("Service (request)", "CPU per request", "Per replica at the HPA target", "Replicas for 1,000 req/s", "maxReplicas (k8s)");
        cpuMillisPerRequest.forEach((service, millis) -> {
            double perReplica = 175 / millis;
            report.row(service.module(), "%.3f ms".formatted(millis), "%,.0f req/s".formatted(perReplica),
                    (int) Math.ceil(1000 / perReplica), Kubernetes.maxReplicas(repository, service));
        });
        report.text("""
                At those maxReplicas, with a rolling update's surge, the three data services' pools (10
                connections each) need 450 of PgBouncer's 1,000 client connections, and PostgreSQL then 190 of
                its 200 (PgBouncer's pools, the migrations of pods starting, a reserve): `KubernetesManifestsIT`
                computes both budgets from the manifests on every build and fails the build if either does not fit.
                """);
    }

    private void tracing() {
        report.section("Tracing's cost", """
                catalog-service under three variants: as shipped with no collector named (no `SHOP_OTLP_ENDPOINT`:
                the OpenTelemetry SDK is off, common's `TracingFollowsExport`), the SDK on but exporting nowhere
                (`QUARKUS_OTEL_SDK_DISABLED=false`, the default before 2026-12-02), and exporting to an OTLP
                endpoint nobody listens on. A comparison (`-Dshop.benchmark.compare.variants`, see `Comparison`):
                %d rounds; in each, catalog-service restarted once per variant (a fresh JVM), warmed up by one run
                and measured by the next; medians. The figure is the CPU a request costs catalog-service without
                its JIT compiler's threads: on two shared cores a throughput ratio mostly measures who got the
                cores, and one run of a variant can be 20-40 %% off the next of the same variant (the earlier
                single, non-interleaved runs published 109 %% this way). Measured twice: the product page as
                shipped (from memory) and from the database (`QUARKUS_CACHE_ENABLED=false`); tracing adds about
                the same CPU to every request, a larger share of the cheaper one. Targets: tracing that exports
                nothing costs ≤ 10 %%; an unreachable endpoint does not halve throughput.
                """.formatted(TRACING_ROUNDS));
        Comparison.Load product = Comparison.Load.get(system.uri(Service.CATALOG).resolve("/api/products/7"), Service.CATALOG);
        Comparison comparison = new Comparison(system, Service.CATALOG, duration, asInContainer(Service.CATALOG));
        String unreachable = "SHOP_OTLP_ENDPOINT=http://127.0.0.1:" + ServiceProcess.freePort();
        report.text("The product page as shipped (from memory):");
        Comparison.report(report, comparison.measure(product, Comparison.variants(
                "no collector named: | SDK on, exporting nowhere: QUARKUS_OTEL_SDK_DISABLED=false"
                        + " | exporting to an unreachable endpoint: " + unreachable), TRACING_ROUNDS));
        report.text("The product page from the database:");
        Comparison.report(report, comparison.measure(product, Comparison.variants(
                "no collector named: QUARKUS_CACHE_ENABLED=false"
                        + " | SDK on, exporting nowhere: QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_CACHE_ENABLED=false"),
                TRACING_ROUNDS));
    }

    /** Start-up, memory and throughput of catalog-service under the JVM choices that matter for small containers. */
    private void jvmChoices() {
        report.section("JVM choices (catalog-service)", """
                The same service under different JVM options, each started %d times (median), then loaded
                at saturation after a warm-up run. "As shipped" is what the image runs under its 512 MiB
                limit: a heap of at most 75 %% of it and the Serial collector the JVM picks below 2 GB. AppCDS: a class-data archive written by a
                first run (`-XX:+AutoCreateSharedArchive`); the AOT cache (JDK 24+, JEP 483/514) also keeps
                linked classes and profiles.
                """.formatted(STARTS));
        report.table("JVM options", "Start → ready", "RSS idle", "At saturation", "RSS after");
        jvmChoice("as shipped: " + String.join(" ", inContainer(repository, Service.CATALOG)), List.of(), null);
        jvmChoice("G1 instead of Serial", List.of("-XX:+UseG1GC"), null);
        jvmChoice("Serial, JIT limited to C1", List.of("-XX:TieredStopAtLevel=1"), null);
        Path archive = work.resolve("catalog-service.jsa");
        jvmChoice("AppCDS (dynamic archive)", List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive"), List.of());
        if (Runtime.version().feature() >= 25) {
            Path cache = work.resolve("catalog-service.aot");
            jvmChoice("AOT cache (JDK " + Runtime.version().feature() + ")", List.of("-XX:AOTCache=" + cache),
                    List.of("-XX:AOTCacheOutput=" + cache));
        }
        system.restart(Service.CATALOG, asInContainer(Service.CATALOG));
    }

    private void jvmChoice(String name, List<String> options, List<String> training) {
        if (training != null) {
            List<String> trainingOptions = training.isEmpty() ? options : training;
            system.restart(Service.CATALOG, withOptions(trainingOptions));
            Wrk.run(system.uri(Service.CATALOG).resolve("/api/products/7"), Duration.ofSeconds(5), null, Map.of());
            system.stop(Service.CATALOG);
        }
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            starts.add(system.restart(Service.CATALOG, withOptions(options)).toMillis() / 1000.0);
        }
        ProcessStats.settle();
        double idle = ProcessStats.rssMiB(pid(Service.CATALOG));
        URI product = system.uri(Service.CATALOG).resolve("/api/products/7");
        wrk(product, null, Map.of());
        Wrk.Result result = wrk(product, null, Map.of());
        report.row(name, "%.2f s".formatted(Comparison.median(starts)), "%.0f MiB".formatted(idle), result.summary(),
                "%.0f MiB".formatted(ProcessStats.rssMiB(pid(Service.CATALOG))));
    }

    /** catalog-service as in its container, with these options added; a collector named here replaces Serial. */
    private Consumer<ServiceProcess.Builder> withOptions(List<String> options) {
        boolean otherCollector = options.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"));
        return builder -> {
            inContainer(repository, Service.CATALOG).stream().filter(o -> !(otherCollector && o.equals(SERIAL_GC)))
                    .forEach(builder::jvmOption);
            options.forEach(builder::jvmOption);
        };
    }

    /** A saturated run and a run at about half its rate, with every run made on the way (warm-up, trial). */
    private record Measured(Wrk.Result saturated, Wrk.Result half, List<Wrk.Result> runs, Map<Service, Double> cpuMillis) {
    }

    private Wrk.Result saturatedAndHalf(String name, URI target, Service measuredCpu, String goal) {
        return saturatedAndHalf(name, target, null, Map.of(), measuredCpu, goal).saturated();
    }

    private Measured saturatedAndHalf(String name, URI target, Path script, Map<String, String> environment,
                                      Service measuredCpu, String goal) {
        Path paced = script == null ? script("paced.lua") : script;
        Wrk.Result warmUp = runNamed(target, script, environment, "warm-up");
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            pids.put(service, pid(service));
        }
        Map<Service, Double> cpuBefore = ProcessStats.cpuSeconds(pids, false);
        Wrk.Result saturated = runNamed(target, script, environment, "saturated");
        // Every service's CPU per request in the saturated run: a request may go through several.
        Map<Service, Double> cpuMillis = ProcessStats.cpuMillisPerRequest(cpuBefore, ProcessStats.cpuSeconds(pids, false),
                saturated.requests());
        if (measuredCpu != null) {
            cpuMillisPerRequest.put(measuredCpu, cpuMillis.get(measuredCpu));
        }
        // Each connection's cycle is its pause plus the answer's time: aim at half, correct once.
        double half = saturated.requestsPerSecond() / 2;
        long pause = Math.round(Wrk.CONNECTIONS * 1000 / half);
        Wrk.Result trial = runPaced(target, paced, environment, pause, Duration.ofSeconds(5), "trial");
        double cycle = Wrk.CONNECTIONS * 1000 / trial.requestsPerSecond();
        pause = Math.max(0, Math.round(pause - (cycle - Wrk.CONNECTIONS * 1000 / half)));
        Wrk.Result atHalf = runPaced(target, paced, environment, pause, duration, "half");
        report.row(name, saturated.summary(), "%s (%.0f %% of saturation)".formatted(atHalf.summary(),
                100 * atHalf.requestsPerSecond() / saturated.requestsPerSecond()), goal);
        return new Measured(saturated, atHalf, List.of(warmUp, saturated, trial, atHalf), cpuMillis);
    }


    private Wrk.Result runNamed(URI target, Path script, Map<String, String> environment, String run) {
        return wrk(target, script, with(environment, "SHOP_BENCH_RUN", run + "-" + System.nanoTime()));
    }

    private Wrk.Result runPaced(URI target, Path script, Map<String, String> environment, long pause, Duration length, String run) {
        Map<String, String> paced = with(with(environment, "SHOP_BENCH_DELAY_MS", Long.toString(pause)), "SHOP_BENCH_RUN", run + "-" + System.nanoTime());
        return Wrk.run(target, length, script, paced);
    }

    private Wrk.Result wrk(URI target, Path script, Map<String, String> environment) {
        return Wrk.run(target, duration, script, environment);
    }

    private static Map<String, String> with(Map<String, String> environment, String variable, String value) {
        Map<String, String> copy = new java.util.HashMap<>(environment);
        copy.put(variable, value);
        return copy;
    }

    /**
     * The JVM as in the service's container: the pod's memory limit as the memory the JVM sizes
     * itself by (heap, initial heap), the options of the image's entrypoint, read from shop-common's
     * configuration rather than copied, and the collector the JVM picks under that limit.
     */
    private static List<String> inContainer(Path repository, Service service) {
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAM=" + MEMORY_LIMIT.get(service));
        options.addAll(imageJvmArguments(repository));
        options.add(SERIAL_GC);
        return options;
    }

    static List<String> imageJvmArguments(Path repository) {
        Properties common = new Properties();
        try (Reader reader = Files.newBufferedReader(repository.resolve(COMMON_CONFIGURATION))) {
            common.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String arguments = common.getProperty("quarkus.jib.jvm-additional-arguments");
        if (arguments == null) {
            throw new IllegalStateException(COMMON_CONFIGURATION + " names no quarkus.jib.jvm-additional-arguments");
        }
        return List.of(arguments.split(","));
    }

    private Consumer<ServiceProcess.Builder> asInContainer(Service service) {
        return builder -> inContainer(repository, service).forEach(builder::jvmOption);
    }

    private long pid(Service service) {
        return system.process(service).orElseThrow().pid();
    }

    private String quarkusStarted(Service service) {
        try {
            Matcher started = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(system.process(service).orElseThrow().log()));
            String last = "?";
            while (started.find()) {
                last = started.group(1) + " s";
            }
            return last;
        } catch (IOException e) {
            return "?";
        }
    }

    private Path script(String name) {
        return script(work, name);
    }

    /** A wrk script of the benchmarks' resources, written under {@code work} for wrk to read. */
    private static Path script(Path work, String name) {
        Path file = work.resolve("wrk").resolve(name);
        try (InputStream in = Benchmarks.class.getResourceAsStream("/wrk/" + name)) {
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
