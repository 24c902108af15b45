package dev.shop.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documents can be trusted as a map: every relative link in every Markdown file of the
 * repository leads to a file or directory that exists, every anchor to a heading that is there (as
 * GitHub makes anchors), and the README's two set-up commands are the ones the build defines and
 * CI runs.
 */
class DocumentationLinksTest {

    static final Path REPOSITORY = Path.of(System.getProperty("shop.repository"));
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> documents = Markdown.under(REPOSITORY);
        assertTrue(documents.contains(REPOSITORY.resolve("README.md")), "found no README.md in " + REPOSITORY);
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            for (Markdown.Link link : Markdown.read(document).links()) {
                if (SCHEME.matcher(link.target()).find()) {
                    continue;  // http:, https:, mailto:: not this repository's to check
                }
                checked++;
                String problem = problemWith(document, link.target(), anchors);
                if (problem != null) {
                    broken.add(REPOSITORY.relativize(document) + ":" + link.line() + ": " + link.target() + " — " + problem);
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " relative links found: is the Markdown parsed at all?");
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    /** Why a link from this document does not resolve, or null when it does. */
    static String problemWith(Path document, String target, Map<Path, Set<String>> anchors) throws IOException {
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? document
                : path.startsWith("/") ? REPOSITORY.resolve(path.substring(1)).normalize()
                : document.getParent().resolve(path).normalize();
        if (!file.startsWith(REPOSITORY)) {
            return "outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null || !file.getFileName().toString().endsWith(".md")) {
            return null;  // a line anchor of a source file (#L10) is GitHub's, not a heading
        }
        Set<String> known = anchors.get(file);
        if (known == null) {
            known = Markdown.read(file).anchors();
            anchors.put(file, known);
        }
        return known.contains(anchor) ? null : "no heading with the anchor #" + anchor + " in " + REPOSITORY.relativize(file);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("growing-past-one-database-server", Markdown.slug("Growing past one database server"));
        assertEquals("servers--apps-measured", Markdown.slug("Servers → apps, measured"));
        assertEquals("identity-who-signs-who-verifies", Markdown.slug("Identity: who signs, who verifies"));
        assertEquals("overlayskind-cnpg", Markdown.slug("`overlays/kind-cnpg`"));
        assertEquals("what-ci-checks-and-what-needs-a-cluster", Markdown.slug("What CI checks, and what needs a cluster"));
        assertEquals("0003-a-saga-not-a-distributed-transaction", Markdown.slug("0003. A saga, *not* a [distributed](x.md) transaction"));
        assertEquals("shop_orders_total", Markdown.slug("`shop_orders_total`"));
    }

    @Test
    void theReadmesTestCommandIsWhatCiRunsFirst() throws IOException {
        String readmeCommand = firstShellBlockAfter("## Test it");
        List<String> ci = Files.readAllLines(REPOSITORY.resolve(".ci/run"));
        int stage = indexOf(ci, "echo \"== Stage 1");
        assertTrue(stage >= 0, ".ci/run has no Stage 1");
        assertEquals("mvn verify", readmeCommand, "the README's test command");
        assertEquals(readmeCommand, ci.get(stage + 1).strip(), "the command .ci/run runs as its Stage 1");
    }

    @Test
    void theReadmesRunCommandStartsTheShopAsTheSystemTestsDo() throws IOException {
        assertEquals("mvn -Prun", firstShellBlockAfter("## Run it"), "the README's run command");
        String parent = Files.readString(REPOSITORY.resolve("pom.xml"));
        String system = Files.readString(REPOSITORY.resolve("system/pom.xml"));
        assertTrue(Pattern.compile("<id>run</id>\\s*<properties>\\s*<skipTests>true</skipTests>", Pattern.DOTALL).matcher(parent).find(),
                "the parent POM's profile run builds without tests");
        assertTrue(Pattern.compile("<id>run</id>.*<mainClass>dev\\.shop\\.localrun\\.LocalRun</mainClass>", Pattern.DOTALL).matcher(system).find(),
                "system/pom.xml's profile run starts dev.shop.localrun.LocalRun");
        String localRun = Files.readString(REPOSITORY.resolve("local-run/src/main/java/dev/shop/localrun/LocalRun.java"));
        String runningShop = Files.readString(REPOSITORY.resolve("system/src/test/java/dev/shop/system/RunningShop.java"));
        assertTrue(localRun.contains("ShopSystem.start(") && runningShop.contains("ShopSystem"),
                "mvn -Prun and the system tests start the shop the same way (local-run's ShopSystem)");
    }

    /** The first shell block below a heading of the README, its lines joined. */
    private static String firstShellBlockAfter(String heading) throws IOException {
        List<String> readme = Files.readAllLines(REPOSITORY.resolve("README.md"));
        int start = readme.indexOf(heading);
        assertTrue(start >= 0, "the README has no heading " + heading);
        int open = indexOf(readme.subList(start, readme.size()), "```shell") + start;
        int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
        return String.join("\n", readme.subList(open + 1, close)).strip();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
