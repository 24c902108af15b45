package dev.shop.common.tracing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default it gives, and that any configured value wins over it. */
class TracingFollowsExportTest {

    @Test
    void noEndpointMeansNoSdk() {
        assertEquals(true, sdkDisabled(Map.of()));
        assertEquals(true, sdkDisabled(Map.of("shop.otlp.endpoint", " ")));
    }

    @Test
    void anEndpointTurnsTheSdkOn() {
        assertEquals(false, sdkDisabled(Map.of("shop.otlp.endpoint", "http://collector:4317")));
    }

    @Test
    void anExplicitSettingWinsEitherWay() {
        assertEquals(false, sdkDisabled(Map.of("quarkus.otel.sdk.disabled", "false")));
        assertEquals(true, sdkDisabled(Map.of("shop.otlp.endpoint", "http://collector:4317",
                "quarkus.otel.sdk.disabled", "true")));
    }

    /** With the settings given as a service's own file would (ordinal 100, above the default's 50). */
    private static boolean sdkDisabled(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "settings", 100))
                .withSources(new TracingFollowsExport())
                .build();
        return config.getValue("quarkus.otel.sdk.disabled", Boolean.class);
    }
}
