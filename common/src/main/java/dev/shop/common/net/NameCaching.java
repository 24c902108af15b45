package dev.shop.common.net;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.Security;
import java.util.List;

/**
 * How long the JVM keeps what a name lookup found: an address 5 s, a failed lookup 1 s (the JDK's
 * defaults: 30 s, and 10 s from its java.security file). A container that restarts (PgBouncer,
 * PostgreSQL, another service) is gone from Docker's DNS while it is down and may come back at
 * another address; with the defaults a service went on failing to find PgBouncer for up to 10 s
 * after it was back (measured in CI's compose stage). On Kubernetes, a Service's name always
 * resolves, and 5 s still follows a headless Service's changes.
 *
 * <p>Security properties, not the {@code sun.net.inetaddr.*} system properties: those are only read
 * where java.security sets nothing, and it sets the negative one. The JDK reads them once, at the
 * first lookup; a configuration source factory is the first code of the shop that Quarkus runs, in
 * every service, before any connection is made. It adds no configuration.
 */
@StaticInitSafe
public class NameCaching implements ConfigSourceFactory {

    static final String FOUND = "networkaddress.cache.ttl";
    static final String NOT_FOUND = "networkaddress.cache.negative.ttl";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Security.setProperty(FOUND, "5");
        Security.setProperty(NOT_FOUND, "1");
        return List.of();
    }
}
