package dev.shop.database;

/**
 * The services that own data in the shared database: each has one login role, one schema, and the
 * environment variable that carries its password into {@code init.sql}.
 */
public enum ServiceSchema {
    CATALOG("catalog-service", "catalog_service", "catalog", "CATALOG_DB_PASSWORD"),
    USERS("user-service", "user_service", "users", "USERS_DB_PASSWORD"),
    ORDERS("order-service", "order_service", "orders", "ORDERS_DB_PASSWORD");

    private final String service;
    private final String role;
    private final String schema;
    private final String passwordVariable;

    ServiceSchema(String service, String role, String schema, String passwordVariable) {
        this.service = service;
        this.role = role;
        this.schema = schema;
        this.passwordVariable = passwordVariable;
    }

    public String service() {
        return service;
    }

    public String role() {
        return role;
    }

    public String schema() {
        return schema;
    }

    public String passwordVariable() {
        return passwordVariable;
    }

    public static ServiceSchema ofRole(String role) {
        for (ServiceSchema s : values()) {
            if (s.role.equals(role)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no service owns the database role " + role);
    }
}
