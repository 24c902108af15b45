package dev.shop.common.tracing;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Tracing is on exactly when its spans go somewhere: the OpenTelemetry SDK is disabled unless
 * {@code shop.otlp.endpoint} (SHOP_OTLP_ENDPOINT) names a collector.
 *
 * <p>Why: a span nobody receives is still built, filled with the request's attributes, converted
 * and queued, on every request. On the product page served from memory that doubled the CPU per
 * request (docs/performance.md, "Tracing's cost"); an SDK that is off costs nothing measurable.
 * Quarkus fixes the exporter at build time, so "no exporter" cannot be chosen at run time; whether
 * the SDK runs can. This is only a default, below every file and the environment: an explicit
 * {@code QUARKUS_OTEL_SDK_DISABLED} still decides. Static-init safe: Quarkus sets the SDK up while
 * the application starts, before the runtime-only configuration exists, and reads it there.
 */
@StaticInitSafe
public class TracingFollowsExport implements ConfigSourceFactory {

    static final String ENDPOINT = "shop.otlp.endpoint";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    /** Below META-INF/microprofile-config.properties (100), so any configured value wins. */
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(
                Map.of(SDK_DISABLED, String.valueOf(!exporting(context.getValue(ENDPOINT)))),
                "tracing follows export", ORDINAL));
    }

    private static boolean exporting(ConfigValue endpoint) {
        return endpoint != null && endpoint.getValue() != null && !endpoint.getValue().isBlank();
    }
}
