package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * The command line. Every option can also come from its environment variable (what compose and a
 * Kubernetes Job set); an option on the command line wins over the variable.
 */
@TopCommand
@Command(name = "load-generator", sortOptions = false, usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitCodes.INVALID_OPTIONS, exitCodeOnExecutionException = ExitCodes.FAILED,
        description = {
                "Simulates many shoppers through the shop's gateway. Each registers and logs in once, then browses, "
                        + "searches, opens products, places small orders, lists and cancels them, and logs in again, in "
                        + "the proportions of --mix.",
                "Open loop: requests are sent at the target rate whether or not earlier ones were answered, so a slow "
                        + "shop shows as latency and errors. The rate ramps up, holds and drops; the run stops by "
                        + "itself. A line every --report-every, a summary at the end.",
                "",
                "Exit codes: 0 run completed (even with errors); 1 error rate above --max-error-rate; 2 invalid "
                        + "options; 3 shop not reachable or not ready (nothing sent); 4 JSON summary or request log not written.",
                ""},
        footer = {"", "Durations: 60s, 5m, 1m30s, 250ms, or ISO-8601 (PT1M). Example:",
                "  java -jar load-generator/target/quarkus-app/quarkus-run.jar --rate 200 --ramp 60s --hold 300s --drop 60s"})
public class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "URL", defaultValue = "${env:SHOP_LOAD_TARGET:-http://localhost:8080}",
            description = "The shop's gateway; every request goes there. Env SHOP_LOAD_TARGET. Default: ${DEFAULT-VALUE}")
    String target;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "${env:SHOP_LOAD_RATE:-50}",
            description = "Target arrival rate at the peak, requests per second. Env SHOP_LOAD_RATE. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--ramp", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_RAMP:-30s}",
            converter = DurationConverter.class,
            description = "From 0 up to the peak rate, in a straight line. Env SHOP_LOAD_RAMP. Default: ${DEFAULT-VALUE}")
    Duration ramp;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_HOLD:-60s}",
            converter = DurationConverter.class,
            description = "At the peak rate. Env SHOP_LOAD_HOLD. Default: ${DEFAULT-VALUE}")
    Duration hold;

    @Option(names = "--drop", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_DROP:-30s}",
            converter = DurationConverter.class,
            description = "From the peak rate down to 0. Env SHOP_LOAD_DROP. Default: ${DEFAULT-VALUE}")
    Duration drop;

    @Option(names = "--shoppers", paramLabel = "COUNT", defaultValue = "${env:SHOP_LOAD_SHOPPERS:-50}",
            description = "Distinct shoppers (accounts), registered and logged in before the load. "
                    + "Env SHOP_LOAD_SHOPPERS. Default: ${DEFAULT-VALUE}")
    int shoppers;

    @Option(names = "--mix", paramLabel = "ACTION=WEIGHT,...", defaultValue = "${env:SHOP_LOAD_MIX:-" + Mix.DEFAULT + "}",
            description = "How often each action is picked; actions: browse, search, product, order, list, cancel, "
                    + "login (left out: never). Env SHOP_LOAD_MIX. Default: ${DEFAULT-VALUE}")
    String mix;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_TIMEOUT:-5s}",
            converter = DurationConverter.class,
            description = "A request not answered in this long is given up, as an error. Env SHOP_LOAD_TIMEOUT. "
                    + "Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--max-in-flight", paramLabel = "COUNT", defaultValue = "${env:SHOP_LOAD_MAX_IN_FLIGHT:-2000}",
            description = "A request due while this many are unanswered is not sent and counts as dropped, an error. "
                    + "Env SHOP_LOAD_MAX_IN_FLIGHT. Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Option(names = "--report-every", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_REPORT_EVERY:-5s}",
            converter = DurationConverter.class,
            description = "How often a progress line is printed. Env SHOP_LOAD_REPORT_EVERY. Default: ${DEFAULT-VALUE}")
    Duration reportEvery;

    @Option(names = "--await-target", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_AWAIT_TARGET:-0s}",
            converter = DurationConverter.class,
            description = "How long to keep asking a shop that is not reachable or ready yet before giving up. "
                    + "Env SHOP_LOAD_AWAIT_TARGET. Default: ${DEFAULT-VALUE}")
    Duration awaitTarget;

    @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "${env:SHOP_LOAD_MAX_DURATION}",
            converter = DurationConverter.class,
            description = "The hard limit for the whole run, from the program's start: it stops then, whatever is "
                    + "in flight. Env SHOP_LOAD_MAX_DURATION. Default: ramp + hold + drop + await-target + timeout + 1m")
    Duration maxDuration;

    @Option(names = "--summary-json", paramLabel = "PATH", defaultValue = "${env:SHOP_LOAD_SUMMARY_JSON}",
            description = "Also write the summary as JSON to this file. Env SHOP_LOAD_SUMMARY_JSON")
    String summaryJson;

    @Option(names = "--request-log", paramLabel = "PATH", defaultValue = "${env:SHOP_LOAD_REQUEST_LOG}",
            description = "Also write one CSV line per request as it ends to this file: due_epoch_ms,action,outcome,"
                    + "latency_ms (outcome: a status code, refused, reset, timeout or dropped). Env SHOP_LOAD_REQUEST_LOG")
    String requestLog;

    @Option(names = "--max-error-rate", paramLabel = "RATE", defaultValue = "${env:SHOP_LOAD_MAX_ERROR_RATE}",
            description = "Exit with 1 when more than this share of the requests due fail (0.01 or 1%%). "
                    + "Env SHOP_LOAD_MAX_ERROR_RATE")
    String maxErrorRate;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final ObjectMapper json;

    LoadCommand(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Integer call() {
        return new LoadRun(options(), json, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }

    /** The options, checked; an invalid one ends the program with its message and exit code 2. */
    LoadOptions options() {
        try {
            require(rate > 0 && Double.isFinite(rate), "--rate (SHOP_LOAD_RATE) must be a number of requests per second "
                    + "above 0, not " + SummaryText.number(rate));
            require(!ramp.plus(hold).plus(drop).isZero(), "--ramp, --hold and --drop (SHOP_LOAD_RAMP, SHOP_LOAD_HOLD, "
                    + "SHOP_LOAD_DROP) are all 0: there is no time to send anything in");
            RateProfile profile = new RateProfile(rate, ramp, hold, drop);
            require(profile.totalArrivals() >= 1, "the profile plans no request at all: raise --rate or lengthen it");
            return new LoadOptions(target(), profile, shoppers, parseMix(), timeout, maxInFlight, reportEvery, awaitTarget,
                    maxDuration != null ? maxDuration : LoadOptions.defaultMaxDuration(profile, awaitTarget, timeout),
                    path(summaryJson), path(requestLog),
                    blank(maxErrorRate) ? OptionalDouble.empty() : OptionalDouble.of(errorRate(maxErrorRate.strip())));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private URI target() {
        try {
            return new URI(target.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target (SHOP_LOAD_TARGET) must be an address such as "
                    + "http://localhost:8080, not '" + target + "'");
        }
    }

    private Mix parseMix() {
        try {
            return Mix.parse(mix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mix (SHOP_LOAD_MIX): " + e.getMessage());
        }
    }

    /** 0.05 or 5%. */
    static double errorRate(String text) {
        try {
            return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-error-rate (SHOP_LOAD_MAX_ERROR_RATE) must be a share such as "
                    + "0.01 or 1%, not '" + text + "'");
        }
    }

    private static Optional<Path> path(String value) {
        return blank(value) ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Durations for options: 60s, 5m, 1m30s, 250ms, or ISO-8601. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
