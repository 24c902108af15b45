package dev.shop.catalog;

import dev.shop.testing.ServiceTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against a real PostgreSQL, as the role catalog_service. */
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = ServiceTestResource.ROLE, value = "catalog_service"))
public final class CatalogTestResources {
    private CatalogTestResources() {
    }
}
