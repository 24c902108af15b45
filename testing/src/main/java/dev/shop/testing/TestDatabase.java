package dev.shop.testing;

import dev.shop.database.EmbeddedDatabase;
import dev.shop.database.ExternalDatabase;
import dev.shop.database.ServiceSchema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL the tests of this JVM use, prepared with the shop's init script.
 *
 * <p>By default an embedded server, started once per JVM. When {@code QUARKUS_DATASOURCE_JDBC_URL}
 * is set, that server is used instead; {@code QUARKUS_DATASOURCE_USERNAME} and
 * {@code QUARKUS_DATASOURCE_PASSWORD} must then name a role allowed to create roles and schemas,
 * and the tests connect as each service's own role, exactly as in production.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String jdbcUrl;
    private final String adminUser;
    private final String adminPassword;

    private TestDatabase(String jdbcUrl, String adminUser, String adminPassword) {
        this.jdbcUrl = jdbcUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            ExternalDatabase external = ExternalDatabase.fromEnvironment().orElse(null);
            if (external != null) {
                instance = new TestDatabase(external.jdbcUrl(), external.user(), external.password());
                external.prepare(TestDatabase::password);
            } else {
                EmbeddedDatabase embedded = EmbeddedDatabase.start(null, 0, TestDatabase::password);
                instance = new TestDatabase(embedded.jdbcUrl(), embedded.superuser(), "");
            }
        }
        return instance;
    }

    /** The password a service role gets in tests, looked up by its environment variable. */
    public static String password(String variable) {
        for (ServiceSchema service : ServiceSchema.values()) {
            if (service.passwordVariable().equals(variable)) {
                return service.role() + "-test-password";
            }
        }
        return null;
    }

    public static String password(ServiceSchema service) {
        return password(service.passwordVariable());
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Connection connectAsAdmin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, adminUser, adminPassword);
    }

    public Connection connectAs(ServiceSchema service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, service.role(), password(service));
    }
}
