package dev.shop.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM process, from {@code <service>/target/quarkus-app}: the
 * same packaged application the container image holds, started the way the image starts it.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * HTTP/1.1, as Prometheus, curl and the probes ask: the JDK client's default first asks to upgrade
     * to HTTP/2 (h2c), and a request whose upgrade answer came but whose response never did waited past
     * its own timeout (30 minutes, until the server closed the idle connection, in CI's proof run).
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /** Where a service listens unless told otherwise: this machine only, never the network. */
    public static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final String host;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, String host, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    public static Builder builder(Path repository, String service) {
        return new Builder(repository, service);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://" + host + ":" + port);
    }

    /** The management interface: health, metrics, OpenAPI, Swagger UI. */
    public URI managementUri() {
        return URI.create("http://" + host + ":" + managementPort);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200 (UP), failing early if the process dies. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(managementUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /**
     * Waits until this service, as a caller, has the replica of {@code backend} at {@code replica}
     * (host:port) in rotation: its {@code shop_replica_in_rotation} series for it is 1.
     */
    public void awaitInRotation(String backend, String replica, Duration timeout) {
        String series = "shop_replica_in_rotation{backend=\"" + backend + "\",replica=\"" + replica + "\"} 1";
        HttpRequest metrics = HttpRequest.newBuilder(managementUri().resolve("/q/metrics"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                String exposition = HTTP.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                // A build from before callers kept replicas in rotation (a benchmark's baseline) has no such series.
                if (exposition.lines().anyMatch(line -> line.startsWith(series))
                        || !exposition.contains("shop_replica_in_rotation")) {
                    return;
                }
            } catch (IOException e) {
                // Asked again below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(name + " did not put " + backend + " at " + replica + " in rotation within "
                + timeout + "; see " + log);
    }

    /** SIGTERM, so that the service shuts down gracefully; killed if it does not end in time. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean isConfiguration(String variable) {
        return variable.startsWith("QUARKUS_") || variable.startsWith("MP_") || variable.startsWith("SHOP_")
                || variable.startsWith("SMALLRYE_") || variable.startsWith("OTEL_") || variable.equals("HOSTNAME");
    }

    /** Ports handed out by {@link #freePort} in this JVM: never twice, even before their process binds them. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on right now, and that nothing else will be given: below Linux'
     * ephemeral range (32768 and up), so no outgoing connection takes it before its service binds
     * it, and never one this JVM handed out before (several services start at once).
     */
    public static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + random.nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(LOOPBACK, port));
                return port;
            } catch (IOException e) {
                // In use: another one.
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final String service;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String name;
        private String host = "localhost";
        private String listenAddress = LOOPBACK;
        private int port;
        private int managementPort;
        private Path logDirectory;
        private Path application;

        private Builder(Path repository, String service) {
            this.service = service;
            this.name = service;
            this.application = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        }

        /**
         * Runs the service as built in another checkout (its {@code target/quarkus-app}) instead of
         * this one: how the benchmarks put two commits side by side.
         */
        public Builder builtIn(Path otherCheckout) {
            this.application = otherCheckout.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            return this;
        }

        /** How this instance is called in logs and file names (e.g. {@code user-service-2}). */
        public Builder name(String instanceName) {
            this.name = instanceName;
            return this;
        }

        /** Listens on this address only, and is reached there (a loopback address of its own, say, as a replica would have). */
        public Builder host(String address) {
            this.host = address;
            this.listenAddress = address;
            return this;
        }

        /**
         * Listens on this address (127.0.0.1 unless told otherwise; 0.0.0.0 for every interface),
         * still reached at its host name.
         */
        public Builder listenOn(String address) {
            this.listenAddress = address;
            return this;
        }

        public Builder port(int httpPort) {
            this.port = httpPort;
            return this;
        }

        /** The management interface's port; a free one if none is given. */
        public Builder managementPort(int port) {
            this.managementPort = port;
            return this;
        }

        public Builder env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** The service's connection to the shared database, as its own role. */
        public Builder database(String jdbcUrl, String password) {
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", password);
            return this;
        }

        /** Where the service fetches the keys that tokens are verified with: user-service's JWK Set. */
        public Builder trustTokensFrom(URI userService) {
            environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", userService.resolve("/.well-known/jwks.json").toString());
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        public ServiceProcess start() {
            if (!Files.isRegularFile(application)) {
                throw new IllegalStateException(application + " is missing: build the services first (mvn package)");
            }
            int httpPort = port == 0 ? freePort() : port;
            int management = managementPort == 0 ? freePort() : managementPort;
            try {
                Path logs = logDirectory == null ? Files.createTempDirectory("shop-logs") : logDirectory;
                Files.createDirectories(logs);
                Path log = logs.resolve(name + ".log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.add("-jar");
                command.add(application.toString());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                // A service is configured by what is given here, never by variables that happen to
                // be set where it is started (a QUARKUS_DATASOURCE_USERNAME meant for the tests, say).
                builder.environment().keySet().removeIf(ServiceProcess::isConfiguration);
                builder.environment().putAll(environment);
                builder.environment().put("QUARKUS_HTTP_HOST", listenAddress);
                builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
                // Operations endpoints: never beyond this machine, whatever the API port listens on.
                builder.environment().put("QUARKUS_MANAGEMENT_HOST", host.equals(listenAddress) ? listenAddress : LOOPBACK);
                builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
                return new ServiceProcess(name, host, httpPort, management, log, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + name, e);
            }
        }
    }
}
