package dev.shop.testing;

import java.time.Duration;
import java.time.Instant;

/** Services warm up after start-up and are ready only then; tests about readiness wait for it. */
public final class Readiness {

    private Readiness() {
    }

    /** Waits until the service under test reports {@code /q/health/ready} UP (on its management port). */
    public static void await() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Management.request().when().get("/q/health/ready").statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not ready after 30 s: "
                        + Management.request().when().get("/q/health/ready").asString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
