package dev.shop.localrun;

import dev.shop.database.ServiceSchema;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each service is started with: its ports, its database role, where it fetches the keys it
 * verifies tokens with, and where its backends are — the same variables compose and Kubernetes set.
 */
final class ServiceEnvironment {

    /** Whom each service calls: the backends it finds, balances over and keeps in rotation. */
    private static final Map<Service, List<Service>> BACKENDS = Map.of(
            Service.ORDERS, List.of(Service.CATALOG, Service.USERS),
            Service.GATEWAY, List.of(Service.CATALOG, Service.USERS, Service.ORDERS));

    private final ShopSettings settings;
    private final ServicePorts ports;
    private final ShopDatabase database;
    private final String orderServiceSecret;

    ServiceEnvironment(ShopSettings settings, ServicePorts ports, ShopDatabase database, String orderServiceSecret) {
        this.settings = settings;
        this.ports = ports;
        this.database = database;
        this.orderServiceSecret = orderServiceSecret;
    }

    /** How to start the service, ready to be adjusted further. */
    ServiceProcess.Builder of(Service service) {
        ServiceProcess.Builder builder = ServiceProcess.builder(settings.repository(), service.module())
                .port(ports.port(service))
                .managementPort(ports.managementPort(service))
                .logDirectory(settings.logDirectory())
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                // Links (Location) name the gateway, the one address clients use.
                .env("SHOP_PUBLIC_URL", ports.uri(Service.GATEWAY).toString())
                .env(settings.everyService());
        ownTo(service).accept(builder);
        BACKENDS.getOrDefault(service, List.of()).forEach(backend -> builder.env(backend(backend)));
        return builder;
    }

    /** The services that call this one, each keeping its replicas in rotation, in the order of {@link Service}. */
    static List<Service> callersOf(Service service) {
        return BACKENDS.entrySet().stream()
                .filter(calls -> calls.getValue().contains(service))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private Consumer<ServiceProcess.Builder> ownTo(Service service) {
        URI users = ports.uri(Service.USERS);
        return switch (service) {
            case CATALOG -> b -> b.database(database.jdbcUrl(), database.password(ServiceSchema.CATALOG))
                    .trustTokensFrom(users);
            case USERS -> b -> b.database(database.jdbcUrl(), database.password(ServiceSchema.USERS))
                    .env("SHOP_ORDER_SERVICE_SECRET", orderServiceSecret)
                    .env(settings.userService());
            case ORDERS -> b -> b.database(database.jdbcUrl(), database.password(ServiceSchema.ORDERS))
                    .trustTokensFrom(users)
                    .env("SHOP_ORDER_SERVICE_SECRET", orderServiceSecret);
            case GATEWAY -> b -> b.listenOn(settings.gatewayListenAddress());
        };
    }

    /**
     * Where a caller finds a backend's one replica here, and asks its readiness: the same variables
     * compose sets for every replica found by DNS (SHOP_BACKEND_CATALOG_HOST, ...).
     */
    private Map<String, String> backend(Service service) {
        String name = "SHOP_BACKEND_" + service.name();
        return Map.of("SHOP_DISCOVERY", "static",
                name + "_HOST", "localhost",
                name + "_PORT", Integer.toString(ports.port(service)),
                name + "_MANAGEMENT_PORT", Integer.toString(ports.managementPort(service)));
    }
}
