package dev.shop.catalog;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.SchemaIsolation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseRoleIsolationTest {

    @Test
    void catalogServiceCanReachOnlyItsOwnSchema() throws Exception {
        SchemaIsolation.assertConfinedToOwnSchema(ServiceSchema.CATALOG);
    }
}
