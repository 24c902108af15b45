package dev.shop.common.net;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.security.Security;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NameCachingTest {

    @Test
    void buildingTheConfigurationSetsHowLongLookupsAreKept() {
        // The JDK's own java.security says 10 s for a failed lookup: the factory must override it.
        new SmallRyeConfigBuilder().addDiscoveredSources().build();
        assertEquals("5", Security.getProperty(NameCaching.FOUND));
        assertEquals("1", Security.getProperty(NameCaching.NOT_FOUND));
    }
}
