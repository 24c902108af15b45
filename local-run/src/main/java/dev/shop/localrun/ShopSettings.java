package dev.shop.localrun;

import dev.shop.database.ExternalDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How to start the {@link ShopSystem}; the defaults are those of the local run. */
public final class ShopSettings {
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

    public ShopSettings(Path repository) {
        this.repository = repository;
        this.logDirectory = repository.resolve(".local-run/logs");
    }

    public ShopSettings logDirectory(Path directory) {
        this.logDirectory = directory;
        return this;
    }

    /** Where the embedded PostgreSQL keeps its data between runs; none for a throw-away one. */
    public ShopSettings dataDirectory(Path directory, int port) {
        this.dataDirectory = directory;
        this.databasePort = port;
        return this;
    }

    public ShopSettings externalDatabase(ExternalDatabase database) {
        this.external = database;
        return this;
    }

    /** Free ports instead of 8080–8083, so that tests run beside a local run. */
    public ShopSettings randomPorts() {
        this.randomPorts = true;
        return this;
    }

    /** An environment variable given to every service (tracing export, say). */
    public ShopSettings everyService(String variable, String value) {
        everyService.put(variable, value);
        return this;
    }

    public ShopSettings administrator(String email, String password) {
        userService.put("SHOP_ADMIN_EMAIL", email);
        userService.put("SHOP_ADMIN_PASSWORD", password);
        return this;
    }

    /**
     * Where the gateway listens: 127.0.0.1 (this machine only) unless told otherwise, e.g.
     * 0.0.0.0 to open the shop to the network. The backends always listen on 127.0.0.1 only.
     */
    public ShopSettings gatewayListenAddress(String address) {
        this.gatewayListenAddress = address;
        return this;
    }

    public ShopSettings readyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    Path repository() {
        return repository;
    }

    Path logDirectory() {
        return logDirectory;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    int databasePort() {
        return databasePort;
    }

    boolean usesRandomPorts() {
        return randomPorts;
    }

    /** The PostgreSQL to use instead of the embedded one, or {@code null}. */
    ExternalDatabase externalDatabase() {
        return external;
    }

    Map<String, String> everyService() {
        return everyService;
    }

    /** What only user-service gets: the administrator. */
    Map<String, String> userService() {
        return userService;
    }

    Duration readyTimeout() {
        return readyTimeout;
    }

    String gatewayListenAddress() {
        return gatewayListenAddress;
    }
}
