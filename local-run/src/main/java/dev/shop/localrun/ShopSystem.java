package dev.shop.localrun;

import dev.shop.database.EmbeddedDatabase;
import dev.shop.database.ExternalDatabase;
import dev.shop.database.ServiceSchema;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole shop as plain processes: a PostgreSQL with the init script applied, and the four
 * services started from their packaged applications, each configured only through its environment
 * — the same variables compose and Kubernetes set. The one-command local run and the system tests
 * both start it.
 */
public final class ShopSystem implements AutoCloseable {

    public enum Service {
        CATALOG("catalog-service", 8081, 9081),
        USERS("user-service", 8082, 9082),
        ORDERS("order-service", 8083, 9083),
        GATEWAY("gateway", 8080, 9080);

        private final String module;
        private final int defaultPort;
        private final int defaultManagementPort;

        Service(String module, int defaultPort, int defaultManagementPort) {
            this.module = module;
            this.defaultPort = defaultPort;
            this.defaultManagementPort = defaultManagementPort;
        }

        public String module() {
            return module;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** Its management interface (health, metrics, OpenAPI): 9080–9083 on the host. */
        public int defaultManagementPort() {
            return defaultManagementPort;
        }
    }

    /** How to start the system; the defaults are those of the local run. */
    public static final class Settings {
        private final Path repository;
        private Path logDirectory;
        private Path dataDirectory;
        private int databasePort;
        private boolean randomPorts;
        private ExternalDatabase external;
        private final Map<String, String> everyService = new LinkedHashMap<>();
        private final Map<String, String> userService = new LinkedHashMap<>();
        private Duration readyTimeout = Duration.ofSeconds(120);
        private String gatewayListenAddress = ServiceProcess.LOOPBACK;

        public Settings(Path repository) {
            this.repository = repository;
            this.logDirectory = repository.resolve(".local-run/logs");
        }

        public Settings logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        /** Where the embedded PostgreSQL keeps its data between runs; none for a throw-away one. */
        public Settings dataDirectory(Path directory, int port) {
            this.dataDirectory = directory;
            this.databasePort = port;
            return this;
        }

        public Settings externalDatabase(ExternalDatabase database) {
            this.external = database;
            return this;
        }

        /** Free ports instead of 8080–8083, so that tests run beside a local run. */
        public Settings randomPorts() {
            this.randomPorts = true;
            return this;
        }

        /** An environment variable given to every service (tracing export, say). */
        public Settings everyService(String variable, String value) {
            everyService.put(variable, value);
            return this;
        }

        public Settings administrator(String email, String password) {
            userService.put("SHOP_ADMIN_EMAIL", email);
            userService.put("SHOP_ADMIN_PASSWORD", password);
            return this;
        }

        /**
         * Where the gateway listens: 127.0.0.1 (this machine only) unless told otherwise, e.g.
         * 0.0.0.0 to open the shop to the network. The backends always listen on 127.0.0.1 only.
         */
        public Settings gatewayListenAddress(String address) {
            this.gatewayListenAddress = address;
            return this;
        }

        public Settings readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }
    }

    private final Settings settings;
    private final EmbeddedDatabase embedded;
    private final String jdbcUrl;
    private final Map<ServiceSchema, String> databasePasswords;
    private final String orderServiceSecret;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private boolean closed;

    private ShopSystem(Settings settings, EmbeddedDatabase embedded, String jdbcUrl,
                       Map<ServiceSchema, String> databasePasswords) {
        this.settings = settings;
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.databasePasswords = databasePasswords;
        this.orderServiceSecret = randomSecret();
        for (Service service : Service.values()) {
            ports.put(service, settings.randomPorts ? ServiceProcess.freePort() : service.defaultPort());
            managementPorts.put(service, settings.randomPorts ? ServiceProcess.freePort() : service.defaultManagementPort());
        }
    }

    /** Starts the database and every service, and returns once all of them are ready. */
    public static ShopSystem start(Settings settings) {
        return start(settings, system -> { });
    }

    /**
     * As {@link #start(Settings)}, handing the system to {@code starting} before any service is
     * started: whatever is stopped there (a shutdown hook, say) is stopped however far start-up got.
     */
    public static ShopSystem start(Settings settings, Consumer<ShopSystem> starting) {
        if (!settings.randomPorts) {
            for (Service service : Service.values()) {
                requireFree(service.defaultPort(), service.module());
                requireFree(service.defaultManagementPort(), service.module() + "'s management interface");
            }
            if (settings.external == null && settings.databasePort != 0) {
                requireFree(settings.databasePort, "PostgreSQL");
            }
        }
        Map<ServiceSchema, String> passwords = new EnumMap<>(ServiceSchema.class);
        for (ServiceSchema schema : ServiceSchema.values()) {
            passwords.put(schema, randomSecret());
        }
        Map<String, String> byVariable = new HashMap<>();
        passwords.forEach((schema, password) -> byVariable.put(schema.passwordVariable(), password));

        ShopSystem system;
        if (settings.external != null) {
            settings.external.prepare(byVariable::get);
            system = new ShopSystem(settings, null, settings.external.jdbcUrl(), passwords);
        } else {
            EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDirectory, settings.databasePort,
                    byVariable::get);
            system = new ShopSystem(settings, database, database.jdbcUrl(), passwords);
        }
        starting.accept(system);
        try {
            for (Service service : Service.values()) {
                system.startProcess(service);
            }
            system.awaitReady(List.of(Service.values()));
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private static void requireFree(int port, String what) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is in use: is the shop already running, "
                    + "or another program on that port? Stop it and try again.");
        }
    }

    public URI uri(Service service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    /** The service's management interface: health, metrics, OpenAPI, Swagger UI. */
    public URI managementUri(Service service) {
        return URI.create("http://localhost:" + managementPorts.get(service));
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** order-service's service-account secret, made up for this run: for tests that act as order-service. */
    public String orderServiceSecret() {
        return orderServiceSecret;
    }

    public Optional<ServiceProcess> process(Service service) {
        return Optional.ofNullable(processes.get(service));
    }

    public List<ServiceProcess> processes() {
        return List.copyOf(processes.values());
    }

    public Optional<Long> databasePid() {
        return Optional.ofNullable(embedded).flatMap(EmbeddedDatabase::postmasterPid);
    }

    /** Stops one service, as a crash or a scale-down would. */
    public void stop(Service service) {
        ServiceProcess process = processes.remove(service);
        if (process != null) {
            process.stop();
        }
    }

    /** Starts a stopped service again, on the same port, and waits until it is ready. */
    public void restart(Service service) {
        restart(service, builder -> { });
    }

    /**
     * As {@link #restart(Service)}, with {@code adjustment} applied to how the process is started
     * (more variables, JVM options); returns the time from starting the process to its being ready.
     */
    public Duration restart(Service service, Consumer<ServiceProcess.Builder> adjustment) {
        stop(service);
        long started = System.nanoTime();
        startProcess(service, adjustment);
        awaitReady(List.of(service));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void startProcess(Service service) {
        startProcess(service, builder -> { });
    }

    private synchronized void startProcess(Service service, Consumer<ServiceProcess.Builder> adjustment) {
        if (closed) {
            throw new IllegalStateException("the shop is stopping");
        }
        ServiceProcess.Builder builder = ServiceProcess.builder(settings.repository, service.module())
                .port(ports.get(service))
                .managementPort(managementPorts.get(service))
                .logDirectory(settings.logDirectory)
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                // Links (Location) name the gateway, the one address clients use.
                .env("SHOP_PUBLIC_URL", uri(Service.GATEWAY).toString())
                .env(settings.everyService);
        configure(service).andThen(adjustment).accept(builder);
        processes.put(service, builder.start());
    }

    private Consumer<ServiceProcess.Builder> configure(Service service) {
        URI users = uri(Service.USERS);
        return switch (service) {
            case CATALOG -> b -> b.database(jdbcUrl, databasePasswords.get(ServiceSchema.CATALOG))
                    .trustTokensFrom(users);
            case USERS -> b -> b.database(jdbcUrl, databasePasswords.get(ServiceSchema.USERS))
                    .env("SHOP_ORDER_SERVICE_SECRET", orderServiceSecret)
                    .env(settings.userService);
            case ORDERS -> b -> b.database(jdbcUrl, databasePasswords.get(ServiceSchema.ORDERS))
                    .trustTokensFrom(users)
                    .env("SHOP_ORDER_SERVICE_SECRET", orderServiceSecret)
                    .env("QUARKUS_REST_CLIENT_CATALOG_URL", uri(Service.CATALOG).toString())
                    .env("QUARKUS_REST_CLIENT_USERS_URL", users.toString());
            case GATEWAY -> b -> b.listenOn(settings.gatewayListenAddress)
                    .env("SHOP_DISCOVERY", "static")
                    .env("SHOP_BACKEND_CATALOG_PORT", ports.get(Service.CATALOG).toString())
                    .env("SHOP_BACKEND_USERS_PORT", ports.get(Service.USERS).toString())
                    .env("SHOP_BACKEND_ORDERS_PORT", ports.get(Service.ORDERS).toString());
        };
    }

    private void awaitReady(List<Service> services) {
        for (Service service : services) {
            processes.get(service).awaitReady(settings.readyTimeout);
        }
    }

    /** Stops the services (gracefully, all at once), then the database. */
    @Override
    public synchronized void close() {
        closed = true;
        List<ServiceProcess> running = new ArrayList<>(processes.values());
        processes.clear();
        running.parallelStream().forEach(ServiceProcess::stop);
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
