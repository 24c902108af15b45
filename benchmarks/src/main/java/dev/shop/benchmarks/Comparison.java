package dev.shop.benchmarks;

import dev.shop.localrun.ServiceProcess;
import dev.shop.localrun.ShopSystem;
import dev.shop.localrun.ShopSystem.Service;

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

    /** One measured run of one variant. */
    record Run(double readySeconds, Wrk.Result result, double cpuMillisPerRequest) {
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
    List<Outcome> measure(URI target, List<Variant> variants, int rounds) {
        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        variants.forEach(variant -> runs.put(variant, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : variants) {
                runs.get(variant).add(once(target, variant));
            }
        }
        system.restart(service, asShipped);
        return runs.entrySet().stream().map(e -> new Outcome(e.getKey(), e.getValue())).toList();
    }

    private Run once(URI target, Variant variant) {
        Duration ready = system.restart(service, asShipped.andThen(builder -> {
            variant.jvmOptions().forEach(builder::jvmOption);
            builder.env(variant.environment());
            if (variant.tree() != null) {
                builder.builtIn(variant.tree());
            }
        }));
        long pid = system.process(service).orElseThrow().pid();
        Wrk.run(target, duration, null, Map.of());
        double cpu = ProcessStats.cpuSeconds(pid) - ProcessStats.compilerCpuSeconds(pid);
        Wrk.Result result = Wrk.run(target, duration, null, Map.of());
        cpu = ProcessStats.cpuSeconds(pid) - ProcessStats.compilerCpuSeconds(pid) - cpu;
        return new Run(ready.toMillis() / 1000.0, result, 1000 * cpu / Math.max(1, result.requests()));
    }

    /** The outcomes as a table, each variant's CPU per request relative to the first's. */
    static void report(Report report, List<Outcome> outcomes) {
        report.table("Variant", "CPU per request (median)", "Spread", "Relative to the first", "Throughput (median)",
                "p50 / p99 (median)", "Start → ready (median)");
        double first = outcomes.getFirst().medianCpuMillis();
        for (Outcome outcome : outcomes) {
            report.row(outcome.variant().name() + " (" + outcome.variant().describe() + ")",
                    "%.3f ms".formatted(outcome.medianCpuMillis()), outcome.spread(),
                    "%.0f %%".formatted(100 * outcome.medianCpuMillis() / first),
                    "%,.0f req/s".formatted(outcome.medianRate()),
                    "%.2f / %.2f ms".formatted(outcome.medianP50(), outcome.medianP99()),
                    "%.2f s".formatted(outcome.medianReady()));
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
