package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.SchemaIsolation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseRoleIsolationTest {

    @Test
    void orderServiceCanReachOnlyItsOwnSchema() throws Exception {
        SchemaIsolation.assertConfinedToOwnSchema(ServiceSchema.ORDERS);
    }
}
