package dev.shop.common.persistence;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseDefaultsTest {

    private static SmallRyeConfig configOf(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withSources(new DatabaseDefaults())
                .build();
    }

    @Test
    void aServiceWithADatabaseSendsNoNamedPreparedStatementsWaitsBrieflyAndChecksIdleConnections() {
        SmallRyeConfig config = configOf(Map.of("quarkus.datasource.db-kind", "postgresql"));
        assertEquals("0", config.getRawValue("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
        assertEquals("3S", config.getRawValue("quarkus.datasource.jdbc.acquisition-timeout"));
        assertEquals("5S", config.getRawValue("quarkus.datasource.jdbc.background-validation-interval"));
    }

    @Test
    void migrationsLogInAsTheServiceWhereverTheyConnect() {
        SmallRyeConfig config = configOf(Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.username", "catalog_service", "quarkus.datasource.password", "secret"));
        assertEquals("catalog_service", config.getValue("quarkus.flyway.username", String.class));
        assertEquals("secret", config.getValue("quarkus.flyway.password", String.class));
    }

    @Test
    void aServiceOrDeploymentStillDecides() {
        SmallRyeConfig config = configOf(Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold", "5"));
        assertEquals("5", config.getRawValue("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
    }

    @Test
    void aServiceWithoutADatabaseGetsNone() {
        SmallRyeConfig config = configOf(Map.of());
        for (String key : DatabaseDefaults.DEFAULTS.keySet()) {
            assertTrue(config.getConfigValue(key).getValue() == null, key);
        }
    }
}
