package dev.shop.common.persistence;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * How every service with a database talks to it, set once here for the three of them (only where
 * {@code quarkus.datasource.db-kind} is set: the gateway has no database, and would warn about keys
 * it does not know). Below every file and the environment, so a service or a deployment can still
 * set any of them.
 *
 * <ul>
 *   <li>{@code prepareThreshold=0}: the driver sends no named server-side prepared statements. The
 *       services reach PostgreSQL through PgBouncer in transaction mode (database/pgbouncer.ini),
 *       where consecutive transactions of one client may run on different server connections, and
 *       PgBouncer 1.18 (Debian bookworm's) does not carry prepared statements across them. Its cost,
 *       measured (docs/performance.md): a database read takes 41 % more CPU; an order about the same.</li>
 *   <li>Migrations log in as the service, wherever {@code quarkus.flyway.jdbc-url} points them.</li>
 *   <li>Short waits when the database is away: a connection from the pool within 3 s, a new one to
 *       the server within 3 s. A request then fails fast with a 503 problem (ProblemMappers) instead
 *       of hanging, and readiness reports DOWN.</li>
 *   <li>Dead connections do not outlive an outage for long. When the pooler restarts, every
 *       connection the pool holds is dead, and nothing tells the pool so until one is used: each
 *       then failed one request, and readiness (which validates whichever one connection the pool
 *       hands it) reported DOWN once per dead connection, 16 s for a quiet service in CI's compose
 *       stage. The pool now checks its idle connections every 5 s (Quarkus: every 2 minutes), off
 *       the requests' threads, so dead ones are gone a few seconds into an outage. Not checked on
 *       every borrowing: while PostgreSQL is away, PgBouncer holds a check for 3 s
 *       (query_wait_timeout), and a request would wait that long for each idle connection it tried
 *       (measured: answers over 5 s instead of a quick 503).</li>
 * </ul>
 */
@StaticInitSafe
public class DatabaseDefaults implements ConfigSourceFactory {

    static final String DB_KIND = "quarkus.datasource.db-kind";

    /** Below META-INF/microprofile-config.properties (100), so any configured value wins. */
    private static final int ORDINAL = 50;

    static final Map<String, String> DEFAULTS = Map.of(
            "quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold", "0",
            "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "3",
            "quarkus.datasource.jdbc.acquisition-timeout", "3S",
            "quarkus.datasource.jdbc.background-validation-interval", "5S",
            // Migrations may go to another address (QUARKUS_FLYWAY_JDBC_URL: PostgreSQL itself, not
            // the pooler); Quarkus then wants their credentials too, and they are the service's own.
            "quarkus.flyway.username", "${quarkus.datasource.username:}",
            "quarkus.flyway.password", "${quarkus.datasource.password:}");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue(DB_KIND);
        if (kind == null || kind.getValue() == null || kind.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(DEFAULTS, "shop database defaults", ORDINAL));
    }
}
