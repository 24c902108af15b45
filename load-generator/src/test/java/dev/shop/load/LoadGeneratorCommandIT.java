package dev.shop.load;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged program as a user meets it, without a shop. */
@QuarkusMainIntegrationTest
class LoadGeneratorCommandIT {

    @Test
    @Launch("--help")
    void helpNamesEveryOption(LaunchResult result) {
        for (String option : new String[] {"--target", "--rate", "--ramp", "--hold", "--drop", "--shoppers", "--mix",
                "--timeout", "--max-in-flight", "--report-every", "--await-target", "--max-duration", "--summary-json",
                "--request-log", "--max-error-rate"}) {
            assertTrue(result.getOutput().contains(option), option);
        }
    }

    @Test
    @Launch(value = {"--mix", "browse=1,checkout=1"}, exitCode = 2)
    void anInvalidOptionIsExplained(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("unknown action 'checkout' in the mix"), result.getErrorOutput());
    }

    @Test
    void aShopThatIsNotThereEndsTheRunAtOnce(QuarkusMainLauncher launcher) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LaunchResult result = launcher.launch("--target", "http://localhost:" + port);
        assertEquals(3, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Cannot reach the shop at http://localhost:" + port), result.getErrorOutput());
    }

    @Test
    void aRequestLogThatCannotBeWrittenEndsTheRunBeforeAnythingIsSent(QuarkusMainLauncher launcher) throws IOException {
        Path notADirectory = Files.createTempFile("not-a-directory", ".txt");
        try {
            // No shop at the target either: exit code 4, not 3, shows the log was tried first.
            LaunchResult result = launcher.launch("--target", "http://localhost:9", "--request-log",
                    notADirectory.resolve("requests.csv").toString());
            assertEquals(4, result.exitCode(), result::getErrorOutput);
            assertTrue(result.getErrorOutput().contains("Could not write the request log"), result.getErrorOutput());
        } finally {
            Files.delete(notADirectory);
        }
    }
}
