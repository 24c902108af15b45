package dev.shop.benchmarks;

import dev.shop.localrun.Service;
import dev.shop.localrun.ServiceProcess;
import dev.shop.localrun.ShopSystem;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One service under two or more variants (option sets, or builds of other commits), measured in
 * turn: each round restarts the service once per variant, as a fresh JVM, warms it up with one run
 * and measures the next. On a shared 2-core machine one run of a variant can be 20–40 % off the next
 * one of the same variant; only pairs measured side by side, several times, tell a difference from
 * the noise. The figure that matters is the CPU a request costs the service (its process CPU time over
 * the requests answered, without its JIT compiler's threads, which are still busy in a young JVM),
 * throughput and latency are given beside it.
 *
 * <p>A variant is written as {@code name: item item ...}, where an item is an environment variable
 * ({@code QUARKUS_OTEL_SDK_DISABLED=true}), a JVM option ({@code -XX:TieredStopAtLevel=1}) or
 * {@code tree=<path>}: another checkout, built with {@code mvn package}, whose service runs instead.
 */
final class Comparison {

    record Variant(String name, Map<String, String> environment, List<String> jvmOptions, Path tree) {

        static Variant parse(String specification) {
            int colon = specification.indexOf(':');
            String name = colon < 0 ? specification.strip() : specification.substring(0, colon).strip();
            String items = colon < 0 ? "" : specification.substring(colon + 1);
            Map<String, String> environment = new LinkedHashMap<>();
            List<String> options = new ArrayList<>();
            Path tree = null;
            for (String item : items.strip().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                if (item.startsWith("-")) {
                    options.add(item);
                } else if (item.startsWith("tree=")) {
                    tree = Path.of(item.substring("tree=".length())).toAbsolutePath().normalize();
                } else if (item.contains("=")) {
                    environment.put(item.substring(0, item.indexOf('=')), item.substring(item.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("not an environment variable, a JVM option or tree=: " + item);
                }
            }
            return new Variant(name, environment, options, tree);
        }

        String describe() {
            List<String> items = new ArrayList<>();
            environment.forEach((variable, value) -> items.add("`" + variable + "=" + value + "`"));
            jvmOptions.forEach(option -> items.add("`" + option + "`"));
            if (tree != null) {
                items.add("built in `" + tree + "`");
            }
            return items.isEmpty() ? "as built here, as shipped" : String.join(", ", items);
        }
    }

    /**
     * What each run sends: wrk at {@code target}, with a script and its environment (or plain GETs),
     * and whose CPU a request is charged with: the compared service, and any other service the
     * request goes through (an order costs catalog-service too); and one such request on its own, for
     * how long the first one after a restart takes.
     */
    record Load(URI target, Path script, Map<String, String> environment, List<Service> charged, FirstRequest alone) {

        static Load get(URI target, Service service) {
            return new Load(target, null, Map.of(), List.of(service), FirstRequest.get(target));
        }

        /** The environment of one run, with a run id of its own (the orders script makes Idempotency-Keys of it). */
        Map<String, String> environmentOfRun(String run) {
            Map<String, String> copy = new LinkedHashMap<>(environment);
            copy.put("SHOP_BENCH_RUN", run + "-" + System.nanoTime());
            return copy;
        }
    }

    /**
     * One measured run of one variant: the CPU per request of each charged service, and their sum;
     * the compared service's resident memory idle (settled after its first request) and after the
     * measured run (loaded); the first request after ready, and one sent alone after the load (warm),
     * in milliseconds.
     */
    record Run(double readySeconds, Wrk.Result result, Map<Service, Double> cpuMillisByService, double idleMiB,
               double loadedMiB, double firstMillis, double warmMillis) {

        double cpuMillisPerRequest() {
            return cpuMillisByService.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Every run of one variant, and their medians. */
    record Outcome(Variant variant, List<Run> runs) {

        double medianCpuMillis() {
            return median(runs.stream().map(Run::cpuMillisPerRequest).toList());
        }

        double medianRate() {
            return median(runs.stream().map(r -> r.result().requestsPerSecond()).toList());
        }

        double medianP50() {
            return median(runs.stream().map(r -> r.result().p50Millis()).toList());
        }

        double medianP99() {
            return median(runs.stream().map(r -> r.result().p99Millis()).toList());
        }

        /** Each charged service's median share, when more than one is charged ("order-service 3.1 ms + ..."). */
        String medianByService() {
            Map<Service, Double> first = runs.getFirst().cpuMillisByService();
            if (first.size() < 2) {
                return "";
            }
            return String.join(" + ", first.keySet().stream().map(service -> "%s %.3f ms".formatted(service.module(),
                    median(runs.stream().map(r -> r.cpuMillisByService().get(service)).toList()))).toList());
        }

        double medianIdleMiB() {
            return median(runs.stream().map(Run::idleMiB).toList());
        }

        double medianLoadedMiB() {
            return median(runs.stream().map(Run::loadedMiB).toList());
        }

        double medianFirstMillis() {
            return median(runs.stream().map(Run::firstMillis).toList());
        }

        double medianWarmMillis() {
            return median(runs.stream().map(Run::warmMillis).toList());
        }

        double medianReady() {
            return median(runs.stream().map(Run::readySeconds).toList());
        }

        String spread() {
            double low = runs.stream().mapToDouble(Run::cpuMillisPerRequest).min().orElse(0);
            double high = runs.stream().mapToDouble(Run::cpuMillisPerRequest).max().orElse(0);
            return "%.3f–%.3f ms".formatted(low, high);
        }
    }

    private final ShopSystem system;
    private final Service service;
    private final Duration duration;
    private final Consumer<ServiceProcess.Builder> asShipped;

    Comparison(ShopSystem system, Service service, Duration duration, Consumer<ServiceProcess.Builder> asShipped) {
        this.system = system;
        this.service = service;
        this.duration = duration;
        this.asShipped = asShipped;
    }

    /** Each variant {@code rounds} times, in turn (A B A B ...), then the service as shipped again. */
    List<Outcome> measure(Load load, List<Variant> variants, int rounds) {
        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        variants.forEach(variant -> runs.put(variant, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : variants) {
                runs.get(variant).add(once(load, variant));
            }
        }
        system.restart(service, asShipped);
        return runs.entrySet().stream().map(e -> new Outcome(e.getKey(), e.getValue())).toList();
    }

    private Run once(Load load, Variant variant) {
        Duration ready = system.restart(service, asShipped.andThen(builder -> {
            variant.jvmOptions().forEach(builder::jvmOption);
            builder.env(variant.environment());
            if (variant.tree() != null) {
                builder.builtIn(variant.tree());
            }
        }));
        Map<Service, Long> pids = new LinkedHashMap<>();
        load.charged().forEach(charged -> pids.put(charged, system.process(charged).orElseThrow().pid()));
        double first = load.alone().first();
        ProcessStats.settle();
        double idle = ProcessStats.rssMiB(pids.get(service));
        Wrk.run(load.target(), duration, load.script(), load.environmentOfRun("warm-up"));
        Map<Service, Double> before = ProcessStats.cpuSeconds(pids, true);
        Wrk.Result result = Wrk.run(load.target(), duration, load.script(), load.environmentOfRun("measured"));
        Map<Service, Double> perRequest = ProcessStats.cpuMillisPerRequest(before, ProcessStats.cpuSeconds(pids, true),
                result.requests());
        double loaded = ProcessStats.rssMiB(pids.get(service));
        return new Run(ready.toMillis() / 1000.0, result, perRequest, idle, loaded, first, load.alone().warm());
    }

    /** The outcomes as a table, each variant's CPU per request relative to the first's. */
    static void report(Report report, List<Outcome> outcomes) {
        report.table("Variant", "CPU per request (median)", "Spread", "Relative to the first", "Throughput (median)",
                "p50 / p99 (median)", "Start → ready (median)", "First request after ready / alone when warm (median)",
                "Memory idle / loaded (median)");
        double first = outcomes.getFirst().medianCpuMillis();
        for (Outcome outcome : outcomes) {
            String byService = outcome.medianByService();
            report.row(outcome.variant().name() + " (" + outcome.variant().describe() + ")",
                    "%.3f ms".formatted(outcome.medianCpuMillis()) + (byService.isEmpty() ? "" : " (" + byService + ")"),
                    outcome.spread(),
                    "%.0f %%".formatted(100 * outcome.medianCpuMillis() / first),
                    "%,.0f req/s".formatted(outcome.medianRate()),
                    "%.2f / %.2f ms".formatted(outcome.medianP50(), outcome.medianP99()),
                    "%.2f s".formatted(outcome.medianReady()),
                    "%.1f / %.1f ms (%.0f×)".formatted(outcome.medianFirstMillis(), outcome.medianWarmMillis(),
                            outcome.medianFirstMillis() / outcome.medianWarmMillis()),
                    "%.0f / %.0f MiB".formatted(outcome.medianIdleMiB(), outcome.medianLoadedMiB()));
        }
    }

    /** {@code -Dshop.benchmark.compare.variants="a: ... | b: ..."}: the variants, in the order measured. */
    static List<Variant> variants(String specification) {
        return Arrays.stream(specification.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Variant::parse).toList();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
