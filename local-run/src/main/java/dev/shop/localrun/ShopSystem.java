package dev.shop.localrun;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole shop as plain processes: a PostgreSQL with the init script applied, and the four
 * services started from their packaged applications, each configured only through its environment
 * — the same variables compose and Kubernetes set. The one-command local run and the system tests
 * both start it.
 *
 * <p>This class starts and stops them in order; {@link ShopSettings} says how, {@link ServicePorts}
 * where each listens, {@link ShopDatabase} what they share and {@link ServiceEnvironment} what each
 * is started with.
 */
public final class ShopSystem implements AutoCloseable {

    private final ShopSettings settings;
    private final ShopDatabase database;
    private final String orderServiceSecret;
    private final ServicePorts ports;
    private final ServiceEnvironment environment;
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private boolean closed;

    private ShopSystem(ShopSettings settings, ServicePorts ports, ShopDatabase database) {
        this.settings = settings;
        this.database = database;
        this.orderServiceSecret = Secrets.random();
        this.ports = ports;
        this.environment = new ServiceEnvironment(settings, ports, database, orderServiceSecret);
    }

    /** Starts the database and every service, and returns once all of them are ready. */
    public static ShopSystem start(ShopSettings settings) {
        return start(settings, system -> { });
    }

    /**
     * As {@link #start(ShopSettings)}, handing the system to {@code starting} before any service is
     * started: whatever is stopped there (a shutdown hook, say) is stopped however far start-up got.
     */
    public static ShopSystem start(ShopSettings settings, Consumer<ShopSystem> starting) {
        ServicePorts ports = settings.usesRandomPorts() ? ServicePorts.free() : ServicePorts.defaults();
        ShopSystem system = new ShopSystem(settings, ports, ShopDatabase.start(settings));
        starting.accept(system);
        try {
            for (Service service : Service.values()) {
                system.startProcess(service, builder -> { });
            }
            system.awaitReady(List.of(Service.values()));
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    public URI uri(Service service) {
        return ports.uri(service);
    }

    /** The service's management interface: health, metrics, OpenAPI, Swagger UI. */
    public URI managementUri(Service service) {
        return ports.managementUri(service);
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
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
        return database.pid();
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

    private synchronized void startProcess(Service service, Consumer<ServiceProcess.Builder> adjustment) {
        if (closed) {
            throw new IllegalStateException("the shop is stopping");
        }
        ServiceProcess.Builder builder = environment.of(service);
        adjustment.accept(builder);
        processes.put(service, builder.start());
    }

    /**
     * Each service ready, and in rotation at every caller that runs: a caller asks its callees'
     * readiness every second, so a service can be ready a moment before its callers send it anything.
     */
    private void awaitReady(List<Service> services) {
        for (Service service : services) {
            processes.get(service).awaitReady(settings.readyTimeout());
        }
        for (Service service : services) {
            for (Service caller : ServiceEnvironment.callersOf(service)) {
                ServiceProcess process = processes.get(caller);
                if (process != null) {
                    process.awaitInRotation(service.module(), "localhost:" + ports.port(service), settings.readyTimeout());
                }
            }
        }
    }

    /** Stops the services (gracefully, all at once), then the database. */
    @Override
    public synchronized void close() {
        closed = true;
        List<ServiceProcess> running = new ArrayList<>(processes.values());
        processes.clear();
        running.parallelStream().forEach(ServiceProcess::stop);
        database.close();
    }
}
