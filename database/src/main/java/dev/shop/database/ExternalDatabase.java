package dev.shop.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * An existing PostgreSQL, reached as a role allowed to create roles and schemas: what the local run,
 * the system tests and the services' tests use instead of the embedded server when the environment
 * names one.
 */
public record ExternalDatabase(String jdbcUrl, String user, String password) {

    /** Names the server; unset or blank, the embedded server is used. */
    public static final String URL_VARIABLE = "QUARKUS_DATASOURCE_JDBC_URL";
    /** The role to connect as: {@value #DEFAULT_USER} unless set. */
    public static final String USER_VARIABLE = "QUARKUS_DATASOURCE_USERNAME";
    /** Its password: none unless set. */
    public static final String PASSWORD_VARIABLE = "QUARKUS_DATASOURCE_PASSWORD";
    static final String DEFAULT_USER = "postgres";

    /** The server this process's environment names, if it names one. */
    public static Optional<ExternalDatabase> fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    static Optional<ExternalDatabase> fromEnvironment(Function<String, String> environment) {
        String url = environment.apply(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ExternalDatabase(url,
                orDefault(environment.apply(USER_VARIABLE), DEFAULT_USER),
                orDefault(environment.apply(PASSWORD_VARIABLE), "")));
    }

    private static String orDefault(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Applies the init script, with the service roles' passwords from {@code environment}. */
    public void prepare(Function<String, String> environment) {
        try (Connection admin = connect()) {
            InitScript.apply(admin, environment);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the PostgreSQL at " + jdbcUrl, e);
        }
    }
}
