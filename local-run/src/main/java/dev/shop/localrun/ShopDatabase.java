package dev.shop.localrun;

import dev.shop.database.EmbeddedDatabase;
import dev.shop.database.ExternalDatabase;
import dev.shop.database.ServiceSchema;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL the services share: the embedded one, or the one the settings name, with the init
 * script applied and a password made up for this run for each service's role.
 */
final class ShopDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final String jdbcUrl;
    private final Map<ServiceSchema, String> passwords;

    private ShopDatabase(EmbeddedDatabase embedded, String jdbcUrl, Map<ServiceSchema, String> passwords) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.passwords = passwords;
    }

    static ShopDatabase start(ShopSettings settings) {
        ExternalDatabase external = settings.externalDatabase();
        if (!settings.usesRandomPorts() && external == null && settings.databasePort() != 0) {
            ServicePorts.requireFree(settings.databasePort(), "PostgreSQL");
        }
        Map<ServiceSchema, String> passwords = new EnumMap<>(ServiceSchema.class);
        for (ServiceSchema schema : ServiceSchema.values()) {
            passwords.put(schema, Secrets.random());
        }
        Map<String, String> byVariable = new HashMap<>();
        passwords.forEach((schema, password) -> byVariable.put(schema.passwordVariable(), password));

        if (external != null) {
            external.prepare(byVariable::get);
            return new ShopDatabase(null, external.jdbcUrl(), passwords);
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDirectory(), settings.databasePort(),
                byVariable::get);
        return new ShopDatabase(database, database.jdbcUrl(), passwords);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The password of the service's own role. */
    String password(ServiceSchema service) {
        return passwords.get(service);
    }

    /** The embedded server's main process; none for an external server. */
    Optional<Long> pid() {
        return Optional.ofNullable(embedded).flatMap(EmbeddedDatabase::postmasterPid);
    }

    /** Stops the embedded server; an external one is left as it is. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
