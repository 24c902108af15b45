package dev.shop.user;

import dev.shop.testing.ServiceTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against a real PostgreSQL as user_service, signing with the test key. */
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = {
                @ResourceArg(name = ServiceTestResource.ROLE, value = "user_service"),
                @ResourceArg(name = ServiceTestResource.SIGNS_TOKENS, value = "true")})
public final class UserTestResources {
    private UserTestResources() {
    }
}
