package dev.shop.testing;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Services of this checkout, started as processes from their packaged applications on the test
 * PostgreSQL. The build passes {@code shop.repository} and {@code shop.logs} to the test JVM.
 */
public final class TestProcesses {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private TestProcesses() {
    }

    public static ServiceProcess.Builder service(ServiceSchema service) {
        return ServiceProcess.builder(Path.of(System.getProperty("shop.repository")), service.service())
                .logDirectory(Path.of(System.getProperty("shop.logs")))
                .database(TestDatabase.get().jdbcUrl(), TestDatabase.password(service))
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    public static void awaitReady(ServiceProcess... processes) {
        for (ServiceProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
    }

    public static void stop(ServiceProcess... processes) {
        Arrays.stream(processes).parallel().filter(Objects::nonNull).forEach(ServiceProcess::stop);
    }
}
