package dev.shop.localrun;

import dev.shop.database.ExternalDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code mvn -Prun}: the whole shop on this machine, no Docker. State lives in {@code .local-run/}:
 * the PostgreSQL data (kept between runs; {@code SHOP_RESET=true} starts afresh), one log per
 * service, and the ids of the processes, so that a run that was killed outright is cleaned up by
 * the next one. Ctrl-C stops everything.
 */
public final class LocalRun {

    private static final int DATABASE_PORT = 15432;

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(System.getProperty("shop.repository", ".")).toAbsolutePath().normalize();
        Path state = repository.resolve(".local-run");
        Path pids = state.resolve("pids");
        stopLeftovers(pids);

        ShopSettings settings = new ShopSettings(repository).logDirectory(state.resolve("logs"));
        Optional<ExternalDatabase> external = ExternalDatabase.fromEnvironment();
        if (external.isPresent()) {
            settings.externalDatabase(external.get());
        } else {
            Path data = state.resolve("postgres");
            if (Boolean.parseBoolean(System.getenv("SHOP_RESET"))) {
                System.out.println("SHOP_RESET=true: deleting the data of earlier runs");
                deleteRecursively(data);
            }
            settings.dataDirectory(data, DATABASE_PORT);
        }
        String adminEmail = System.getenv("SHOP_ADMIN_EMAIL");
        String adminPassword = System.getenv("SHOP_ADMIN_PASSWORD");
        if (adminEmail != null && adminPassword != null) {
            settings.administrator(adminEmail, adminPassword);
        }
        // The backends listen on 127.0.0.1 only; the gateway too unless SHOP_GATEWAY_BIND opens it.
        String gatewayBind = System.getenv("SHOP_GATEWAY_BIND");
        if (gatewayBind != null && !gatewayBind.isBlank()) {
            settings.gatewayListenAddress(gatewayBind);
        }
        String otlp = System.getenv("SHOP_OTLP_ENDPOINT");
        if (otlp != null) {
            settings.everyService("SHOP_OTLP_ENDPOINT", otlp);
        }

        System.out.println("Starting PostgreSQL and the four services (logs in " + state.resolve("logs") + ") ...");
        long started = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        ShopSystem system = ShopSystem.start(settings, starting ->
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    System.out.println("\nStopping the shop ...");
                    starting.close();
                    deleteQuietly(pids);
                    System.out.println("Stopped. The data is kept for the next run (SHOP_RESET=true to start afresh).");
                    stopped.countDown();
                }, "shop-shutdown")));
        writePids(pids, system);

        printUrls(system, (System.nanoTime() - started) / 1_000_000, adminEmail != null && adminPassword != null);
        stopped.await();
    }

    private static void printUrls(ShopSystem system, long millis, boolean admin) {
        String gateway = system.uri(Service.GATEWAY).toString();
        StringBuilder out = new StringBuilder();
        out.append("\nThe shop is ready (").append(millis).append(" ms).\n\n");
        out.append("  Shop and API     ").append(gateway).append("/\n");
        for (Service service : Service.values()) {
            String management = system.managementUri(service).toString();
            out.append(String.format("  %-16s %s   health %s/q/health/ready   metrics %s/q/metrics%n",
                    service.module(), system.uri(service), management, management));
        }
        for (Service service : List.of(Service.CATALOG, Service.USERS, Service.ORDERS)) {
            out.append(String.format("  %-16s %s/q/swagger-ui%n", "Swagger UI", system.managementUri(service)));
        }
        String gatewayBind = System.getenv("SHOP_GATEWAY_BIND");
        out.append(gatewayBind == null || gatewayBind.isBlank()
                ? "  Listening on     127.0.0.1 only (SHOP_GATEWAY_BIND=0.0.0.0 opens the gateway to the network)\n"
                : "  Listening on     127.0.0.1; the gateway on " + gatewayBind + "\n");
        out.append("  PostgreSQL       ").append(system.jdbcUrl()).append('\n');
        if (!admin) {
            out.append("\n  No administrator: set SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD to have one.\n");
        }
        out.append("\nPress Ctrl-C to stop.\n");
        System.out.println(out);
    }

    /** Processes of an earlier run that was killed before it could stop them. */
    private static void stopLeftovers(Path pids) throws IOException {
        if (!Files.exists(pids)) {
            return;
        }
        for (String line : Files.readAllLines(pids)) {
            long pid = Long.parseLong(line.strip());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(LocalRun::isOurs).ifPresent(process -> {
                System.out.println("Stopping process " + pid + " left over from an earlier run");
                process.destroy();
                process.onExit().join();
            });
        }
        Files.delete(pids);
    }

    private static boolean isOurs(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        return command.contains("quarkus-run.jar") || command.contains("postgres");
    }

    private static void writePids(Path pids, ShopSystem system) throws IOException {
        List<String> lines = new ArrayList<>();
        system.processes().forEach(p -> lines.add(Long.toString(p.pid())));
        system.databasePid().ifPresent(pid -> lines.add(pid.toString()));
        Files.createDirectories(pids.getParent());
        Files.write(pids, lines);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(LocalRun::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
