package dev.shop.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options as picocli reads them (without the SHOP_LOAD_* variables set, as in the build). */
class LoadCommandTest {

    @Test
    void theDefaultsMakeAModestRun() {
        LoadOptions options = parse();
        assertEquals(URI.create("http://localhost:8080"), options.target());
        assertEquals(50, options.profile().peak());
        assertEquals(Duration.ofSeconds(30), options.profile().ramp());
        assertEquals(Duration.ofSeconds(60), options.profile().hold());
        assertEquals(Duration.ofSeconds(30), options.profile().drop());
        assertEquals(50, options.shoppers());
        assertEquals(Mix.DEFAULT, options.mix().toString());
        assertEquals(Duration.ofSeconds(5), options.timeout());
        // ramp + hold + drop + await + timeout + a minute
        assertEquals(Duration.ofSeconds(30 + 60 + 30 + 0 + 5 + 60), options.maxDuration());
        assertTrue(options.summaryJson().isEmpty());
        assertTrue(options.requestLog().isEmpty());
        assertTrue(options.maxErrorRate().isEmpty());
    }

    @Test
    void readsEveryOption() {
        LoadOptions options = parse("--target", "http://gateway:8080", "--rate", "200", "--ramp", "60s", "--hold", "5m",
                "--drop", "1m", "--shoppers", "7", "--mix", "browse=3,order=1", "--timeout", "2s", "--max-in-flight", "50",
                "--report-every", "1s", "--await-target", "30s", "--max-duration", "10m", "--summary-json", "out/s.json",
                "--request-log", "out/requests.csv", "--max-error-rate", "2.5%");
        assertEquals(URI.create("http://gateway:8080"), options.target());
        assertEquals(72_000, options.profile().totalArrivals());
        assertEquals(7, options.shoppers());
        assertEquals("browse=3,order=1", options.mix().toString());
        assertEquals(50, options.maxInFlight());
        assertEquals(Duration.ofSeconds(30), options.awaitTarget());
        assertEquals(Duration.ofMinutes(10), options.maxDuration());
        assertEquals(Path.of("out/s.json"), options.summaryJson().orElseThrow());
        assertEquals(Path.of("out/requests.csv"), options.requestLog().orElseThrow());
        assertEquals(0.025, options.maxErrorRate().getAsDouble(), 1e-12);
        assertEquals(0.01, parse("--max-error-rate", "0.01").maxErrorRate().getAsDouble(), 1e-12);
    }

    @Test
    void invalidOptionsEndWithAClearMessageAndExitCode2() {
        assertRejected("unknown action 'checkout' in the mix", "--mix", "browse=1,checkout=2");
        assertRejected("--rate (SHOP_LOAD_RATE) must be a number of requests per second above 0, not -5", "--rate", "-5");
        assertRejected("--rate (SHOP_LOAD_RATE) must be a number of requests per second above 0, not 0", "--rate", "0");
        assertRejected("'1x' is not a duration", "--ramp", "1x");
        assertRejected("'-3s' is negative", "--hold", "-3s");
        assertRejected("--ramp, --hold and --drop (SHOP_LOAD_RAMP, SHOP_LOAD_HOLD, SHOP_LOAD_DROP) are all 0",
                "--ramp", "0s", "--hold", "0s", "--drop", "0s");
        assertRejected("--target (SHOP_LOAD_TARGET) must be an http:// or https:// address", "--target", "ftp://shop");
        assertRejected("--target (SHOP_LOAD_TARGET) must be an http:// or https:// address", "--target", "localhost:8080");
        assertRejected("--shoppers (SHOP_LOAD_SHOPPERS) must be 1 or more, not 0", "--shoppers", "0");
        assertRejected("--max-error-rate (SHOP_LOAD_MAX_ERROR_RATE) must be between 0 and 1", "--max-error-rate", "150%");
        assertRejected("--max-error-rate (SHOP_LOAD_MAX_ERROR_RATE) must be a share such as 0.01 or 1%, not 'some'",
                "--max-error-rate", "some");
        assertRejected("--timeout (SHOP_LOAD_TIMEOUT) must be more than 0", "--timeout", "0s");
        assertRejected("the profile plans no request at all", "--rate", "0.1", "--ramp", "0s", "--hold", "1s", "--drop", "0s");
        assertRejected("Unknown options: '--speed'", "--speed", "5");
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        StringWriter out = new StringWriter();
        CommandLine command = commandLine();
        command.setOut(new PrintWriter(out));
        assertEquals(0, command.execute("--help"));
        for (String variable : new String[] {"SHOP_LOAD_TARGET", "SHOP_LOAD_RATE", "SHOP_LOAD_MIX", "SHOP_LOAD_MAX_DURATION",
                "SHOP_LOAD_SUMMARY_JSON", "SHOP_LOAD_REQUEST_LOG", "SHOP_LOAD_MAX_ERROR_RATE"}) {
            assertTrue(out.toString().contains(variable), variable + " in\n" + out);
        }
        assertTrue(out.toString().contains("Default: http://localhost:8080"), out.toString());
    }

    private static LoadOptions parse(String... args) {
        CommandLine command = commandLine();
        command.parseArgs(args);
        return ((LoadCommand) command.getCommand()).options();
    }

    private static void assertRejected(String message, String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = commandLine();
        command.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.INVALID_OPTIONS, command.execute(args), () -> String.join(" ", args) + ": " + err);
        assertTrue(err.toString().contains(message), () -> "'" + message + "' in:\n" + err);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new LoadCommand(new ObjectMapper()));
    }
}
