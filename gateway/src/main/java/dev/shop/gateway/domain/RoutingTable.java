package dev.shop.gateway.domain;

import java.util.List;
import java.util.Optional;

/**
 * Which backend serves a path. Paths go through unchanged. Only the public APIs are listed: any
 * other path under {@code /api} — catalog-service's internal {@code /api/inventory} above all —
 * has no route, and the gateway answers 404.
 */
public final class RoutingTable {

    /**
     * Paths equal to {@code prefix} or below it go to {@code backend}. The {@code name} is how
     * configuration refers to the route ({@code shop.gateway.max-body-size.<name>}).
     */
    public record Route(String name, String prefix, Backend backend) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("products", "/api/products", Backend.CATALOG),
            new Route("categories", "/api/categories", Backend.CATALOG),
            new Route("users", "/api/users", Backend.USERS),
            new Route("auth", "/api/auth", Backend.USERS),
            new Route("key-set", "/.well-known/jwks.json", Backend.USERS),
            new Route("orders", "/api/orders", Backend.ORDERS));

    private RoutingTable() {
    }

    public static Optional<Backend> backendFor(String path) {
        if (path == null || path.contains("/../") || path.endsWith("/..") || path.contains("//")) {
            return Optional.empty();
        }
        return ROUTES.stream().filter(r -> r.matches(path)).map(Route::backend).findFirst();
    }
}
