package dev.shop.gateway.domain;

/** The services behind the gateway, by the name their replicas are discovered under (Stork). */
public enum Backend {
    CATALOG("catalog", "catalog-service"),
    USERS("users", "user-service"),
    ORDERS("orders", "order-service");

    private final String discoveryName;
    private final String service;

    Backend(String discoveryName, String service) {
        this.discoveryName = discoveryName;
        this.service = service;
    }

    /** The Stork service name: {@code quarkus.stork.<name>.*}. */
    public String discoveryName() {
        return discoveryName;
    }

    public String service() {
        return service;
    }
}
