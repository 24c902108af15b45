package dev.shop.testing;

import dev.shop.database.ServiceSchema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a service under test what production gives it: its own role on a real PostgreSQL, and a
 * key set to verify tokens against (the test key of {@link TestTokens}).
 *
 * <p>Declare it once per module, with the service's database role (or none for the gateway):
 * <pre>{@code
 * @WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = ServiceTestResource.ROLE, value = "catalog_service"))
 * }</pre>
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ROLE = "role";

    private String role;

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.get(ROLE);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey.location", TestTokens.jwksFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        if (role != null) {
            ServiceSchema service = ServiceSchema.ofRole(role);
            config.put("quarkus.datasource.jdbc.url", TestDatabase.get().jdbcUrl());
            config.put("quarkus.datasource.username", service.role());
            config.put("quarkus.datasource.password", TestDatabase.password(service));
        }
        return config;
    }

    @Override
    public void stop() {
        // The database outlives one application start: it is shared by every test of the JVM.
    }
}
