package dev.shop.common.warmup;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs every {@link WarmupTask} after start-up, then the service's own HTTP paths over its port
 * ({@link HttpSelfRequests}), and keeps readiness DOWN until they are done: a
 * replica gets traffic (from the gateway, from Kubernetes) only once it is warm. Cold, the first
 * requests of a JVM service are ten to fifty times slower than warm ones, which behind a gateway
 * with a timeout, or with an autoscaler adding replicas under load, means failed requests.
 */
@Readiness
@ApplicationScoped
public class Warmup implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(Warmup.class);

    private final Instance<WarmupTask> tasks;
    private final HttpSelfRequests selfRequests;
    private volatile boolean done;

    Warmup(Instance<WarmupTask> tasks, HttpSelfRequests selfRequests) {
        this.tasks = tasks;
        this.selfRequests = selfRequests;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("warm-up").daemon().start(this::runAll);
    }

    /**
     * One task after the other. Running them at once was tried: on 2 cores, busy with the JIT
     * compiling the same code paths, it took as long in all (docs/performance.md).
     */
    private void runAll() {
        long started = System.nanoTime();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (WarmupTask task : tasks) {
            millis.put(name(task), timed(name(task), task));
        }
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        long requests = timed("requests to its own port", () -> answers.putAll(selfRequests.send()));
        if (!answers.isEmpty()) {
            millis.put("requests to its own port", requests);
        }
        done = true;
        LOG.infof("Warmed up in %d ms %s%s", (System.nanoTime() - started) / 1_000_000, millis,
                answers.isEmpty() ? "" : "; its own port answered (status=count) " + answers);
    }

    private static String name(WarmupTask task) {
        return task.getClass().getSimpleName().replace("_ClientProxy", "");
    }

    private static long timed(String name, WarmupTask task) {
        long started = System.nanoTime();
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            task.run();
        } catch (Exception | LinkageError e) {
            LOG.warnf("Warm-up step %s failed: %s", name, e.toString());
        } finally {
            requestContext.terminate();
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).build();
    }
}
