package dev.shop.localrun;

/** The four services of the shop, and the ports each listens on in the local run. */
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
