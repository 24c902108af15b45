package dev.shop.database;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExternalDatabaseTest {

    @Test
    void noUrlOrABlankOneMeansTheEmbeddedServer() {
        assertEquals(Optional.empty(), ExternalDatabase.fromEnvironment(Map.<String, String>of()::get));
        assertEquals(Optional.empty(), ExternalDatabase.fromEnvironment(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", " ", "QUARKUS_DATASOURCE_USERNAME", "admin")::get));
    }

    @Test
    void theUrlAloneIsThePostgresRoleWithoutAPassword() {
        assertEquals(Optional.of(new ExternalDatabase("jdbc:postgresql://db:5432/shop", "postgres", "")),
                ExternalDatabase.fromEnvironment(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/shop")::get));
    }

    @Test
    void theRoleAndPasswordAreTakenAsGiven() {
        assertEquals(Optional.of(new ExternalDatabase("jdbc:postgresql://db:5432/shop", "admin", "secret")),
                ExternalDatabase.fromEnvironment(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/shop",
                        "QUARKUS_DATASOURCE_USERNAME", "admin", "QUARKUS_DATASOURCE_PASSWORD", "secret")::get));
    }
}
