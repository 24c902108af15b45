package dev.shop.testing;

import dev.shop.database.ServiceSchema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a service under test what production gives it: its own role on a real PostgreSQL, and a
 * key set to verify tokens against (the test key of {@link TestTokens}).
 *
 * <p>user-service signs tokens rather than verifying others': with {@code signs-tokens=true} it
 * signs with the test key, so that tests can mint tokens it accepts (expired ones, say).
 *
 * <p>Declare it once per module, with the service's database role (or none for the gateway):
 * <pre>{@code
 * @WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = ServiceTestResource.ROLE, value = "catalog_service"))
 * }</pre>
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ROLE = "role";
    public static final String SIGNS_TOKENS = "signs-tokens";

    private String role;
    private boolean signsTokens;

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.get(ROLE);
        signsTokens = Boolean.parseBoolean(initArgs.get(SIGNS_TOKENS));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (signsTokens) {
            config.put("shop.jwt.signing-key", TestTokens.privateKeyPem());
        } else {
            config.put("mp.jwt.verify.publickey.location", TestTokens.jwksFile().toUri().toString());
        }
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
