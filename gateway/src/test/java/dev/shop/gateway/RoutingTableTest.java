package dev.shop.gateway;

import dev.shop.gateway.domain.Backend;
import dev.shop.gateway.domain.RoutingTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoutingTableTest {

    @ParameterizedTest
    @CsvSource({
            "/api/products, CATALOG", "/api/products/12, CATALOG", "/api/categories, CATALOG",
            "/api/users, USERS", "/api/users/me, USERS", "/api/auth/login, USERS", "/.well-known/jwks.json, USERS",
            "/api/orders, ORDERS", "/api/orders/abc/cancel, ORDERS"})
    void publicApisGoToTheirOwner(String path, Backend backend) {
        assertEquals(Optional.of(backend), RoutingTable.backendFor(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/inventory/reservations", "/api/inventory", "/api/productsearch", "/api",
            "/api/products/../inventory/reservations", "/api/products//1", "/q/health", "/.well-known/other",
            "/internal/auth/token", "/api/auth/../../internal/auth/token", "/api/inventory/reservations/1/confirmation"})
    void nothingElseIsRouted(String path) {
        assertEquals(Optional.empty(), RoutingTable.backendFor(path));
    }
}
