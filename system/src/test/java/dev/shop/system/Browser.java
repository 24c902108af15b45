package dev.shop.system;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Headless Chromium, the one installed on the machine (Debian's chromium and chromedriver), driven
 * by Selenium; nothing is downloaded. Without a Chromium the browser tests are skipped — unless
 * {@code SHOP_REQUIRE_BROWSER=true} (CI), where that is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of(System.getProperty("shop.screenshots", "target/screenshots"));

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(String base) {
        Optional<Path> chromium = find("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> chromedriver = find("chromedriver", "/usr/bin/chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String message = "no Chromium and chromedriver on this machine (apt-get install chromium chromium-driver)";
            if (Boolean.parseBoolean(System.getenv("SHOP_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort("Browser tests skipped: " + message);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + temporaryDirectory());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    /** Opens a page afresh (a reload, not an in-page hash change, so nothing of the last page lingers). */
    void go(String fragment) {
        driver.get(base + "/" + fragment);
        driver.navigate().refresh();
    }

    WebElement await(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** The input labelled {@code label}, found the way a screen reader would: by its label. */
    WebElement field(String label) {
        return await(By.xpath("//label[normalize-space(text())='" + label + "']//*[self::input or self::select]"));
    }

    WebElement button(String text) {
        return await(By.xpath("//button[normalize-space(.)='" + text + "' or @aria-label='" + text + "']"));
    }

    WebElement link(String text) {
        return await(By.xpath("//a[normalize-space(.)='" + text + "']"));
    }

    String message() {
        return await(By.id("message")).getText();
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Keeps a picture of the page in target/screenshots, for a reader to look at. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> find(String command, String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path path = Path.of(directory, command);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("chromium-profile").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
