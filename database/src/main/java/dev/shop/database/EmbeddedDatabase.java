package dev.shop.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real PostgreSQL server run from the binaries on Maven Central, for tests and the local run.
 *
 * <p>It is set up like the shared server in compose and Kubernetes: a database {@value #DATABASE},
 * the init script applied, and password authentication for every role but the superuser (zonky's
 * initdb trusts everybody, which would let a wrong service password go unnoticed).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "shop";
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server, applying the init script with the passwords from {@code environment}.
     *
     * @param dataDirectory where the data lives across runs, or {@code null} for a throw-away server
     * @param port the port to listen on, or 0 for any free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, Function<String, String> environment) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost");
            if (port != 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.prepare(environment);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded PostgreSQL", e);
        }
    }

    private void prepare(Function<String, String> environment) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(SUPERUSER, "postgres"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            requirePasswords(s);
        }
        try (Connection admin = connectAsSuperuser()) {
            InitScript.apply(admin, environment);
        }
    }

    private static void requirePasswords(Statement s) throws SQLException {
        String hbaFile;
        try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            hbaFile = rs.getString(1);
        }
        String rules = """
                # Written by dev.shop.database.EmbeddedDatabase: only the superuser is trusted.
                local all postgres trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128 trust
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(Path.of(hbaFile), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.execute("SELECT pg_reload_conf()");
    }

    /** The server's main process, from its postmaster.pid file. */
    public Optional<Long> postmasterPid() {
        try (Connection c = connectAsSuperuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            List<String> lines = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (SQLException | IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the shop's database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public Connection connectAsSuperuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
