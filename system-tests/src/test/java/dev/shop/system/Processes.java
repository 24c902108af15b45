package dev.shop.system;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts services of this checkout as processes on the test PostgreSQL. */
final class Processes {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private Processes() {
    }

    static ServiceProcess.Builder service(ServiceSchema service) {
        return ServiceProcess.builder(Path.of(System.getProperty("shop.repository")), service.service())
                .logDirectory(Path.of(System.getProperty("shop.logs")))
                .database(TestDatabase.get().jdbcUrl(), TestDatabase.password(service))
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    static void awaitReady(ServiceProcess... processes) {
        for (ServiceProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
    }

    static void stop(ServiceProcess... processes) {
        List.of(processes).parallelStream().filter(p -> p != null).forEach(ServiceProcess::stop);
    }
}
