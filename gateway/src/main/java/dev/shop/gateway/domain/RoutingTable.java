package dev.shop.gateway.domain;

import java.util.List;
import java.util.Optional;

/**
 * Which backend serves a path. Paths go through unchanged. Only the public APIs are listed: any
 * other path under {@code /api} — catalog-service's internal {@code /api/inventory} above all —
 * has no route, and the gateway answers 404.
 */
public final class RoutingTable {

    /** Paths equal to {@code prefix} or below it go to {@code backend}. */
    public record Route(String prefix, Backend backend) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("/api/products", Backend.CATALOG),
            new Route("/api/categories", Backend.CATALOG),
            new Route("/api/users", Backend.USERS),
            new Route("/api/auth", Backend.USERS),
            new Route("/.well-known/jwks.json", Backend.USERS),
            new Route("/api/orders", Backend.ORDERS));

    private RoutingTable() {
    }

    public static Optional<Backend> backendFor(String path) {
        if (path == null || path.contains("/../") || path.endsWith("/..") || path.contains("//")) {
            return Optional.empty();
        }
        return ROUTES.stream().filter(r -> r.matches(path)).map(Route::backend).findFirst();
    }
}
