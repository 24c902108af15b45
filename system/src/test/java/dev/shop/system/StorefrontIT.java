package dev.shop.system;

import dev.shop.localrun.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storefront in a real (headless) Chromium, against the whole shop started as `mvn -Prun`
 * starts it. Every page visited is kept as a screenshot in target/screenshots.
 */
class StorefrontIT {

    @RegisterExtension
    static final RunningShop shop = RunningShop.shared();
    static String kettle;
    static String mug;
    static String teapot;
    Browser browser;

    /** A picture of the page a test failed on, for whoever reads the failure. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void addProducts() {
        String admin = shop.login(RunningShop.ADMIN_EMAIL, RunningShop.ADMIN_PASSWORD);
        String batch = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        kettle = "Browser Kettle " + batch;
        mug = "Browser Mug " + batch;
        teapot = "Last Teapot " + batch;
        product(admin, kettle, "20.00", 5);
        product(admin, mug, "7.50", 10);
        product(admin, teapot, "30.00", 1);
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(shop.uri(Service.GATEWAY).toString());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aShoppersWholeVisit() {
        browser.go("");
        browser.await(By.cssSelector(".card"));
        browser.awaitText(By.id("served-by"), "catalog-service/");
        browser.screenshot("01-products");

        // Search with the keyboard alone: type, Enter.
        browser.field("Search").sendKeys(kettle.substring(kettle.lastIndexOf(' ') + 1), Keys.ENTER);
        browser.awaitText(By.cssSelector(".grid"), kettle);
        browser.button("Add " + kettle + " to cart").click();
        browser.button("Add " + mug + " to cart").click();
        browser.awaitText(By.id("nav-cart"), "Cart (2)");

        browser.link("Register").click();
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        browser.field("Name").sendKeys("Brow Ser");
        browser.field("Email").sendKeys(email);
        browser.field("Password (at least 10 characters)").sendKeys("a good password");
        browser.screenshot("02-register");
        browser.button("Create account").click();
        browser.awaitText(By.id("message"), "You are logged in");

        browser.await(By.id("checkout"));
        browser.screenshot("03-cart");
        browser.button("Place order").click();
        browser.awaitText(By.id("message"), "is confirmed");
        browser.awaitText(By.cssSelector(".order-total"), "27.50");
        browser.awaitText(By.id("served-by"), "order-service/");
        browser.screenshot("04-orders");

        assertEquals("4 in stock", stockShown(kettle));
        browser.screenshot("05-product");

        browser.link("My orders").click();
        browser.button("Cancel order").click();
        browser.awaitText(By.id("message"), "cancelled");
        browser.awaitText(By.cssSelector(".status"), "Cancelled");
        browser.screenshot("06-cancelled");
        assertEquals("5 in stock", stockShown(kettle));

        browser.button("Log out").click();
        browser.link("Log in").click();
        browser.field("Email").sendKeys(email);
        browser.field("Password").sendKeys("a good password");
        browser.screenshot("07-login");
        browser.button("Log in").click();
        browser.awaitText(By.id("message"), "Welcome back");
    }

    @Test
    void aWrongPasswordIsToldPlainly() {
        browser.go("#/login");
        browser.field("Email").sendKeys("nobody-" + UUID.randomUUID() + "@example.com");
        browser.field("Password").sendKeys("not the password");
        browser.button("Log in").click();
        browser.awaitText(By.id("message"), "Wrong email or password.");
        browser.screenshot("08-wrong-password");
    }

    @Test
    void orderingMoreThanTheStockNamesTheShortProduct() {
        browser.go("#/register");
        browser.field("Name").sendKeys("Greedy");
        browser.field("Email").sendKeys("greedy-" + UUID.randomUUID() + "@example.com");
        browser.field("Password (at least 10 characters)").sendKeys("a good password");
        browser.button("Create account").click();
        browser.awaitText(By.id("message"), "You are logged in");

        browser.go("#/?q=" + teapot.substring(teapot.lastIndexOf(' ') + 1));
        browser.button("Add " + teapot + " to cart").click();
        browser.link("Cart (1)").click();
        // Select what is there and type over it: one change, to 2.
        browser.field("Quantity of " + teapot).sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
        browser.awaitText(By.id("nav-cart"), "Cart (2)");
        browser.button("Place order").click();
        browser.awaitText(By.id("message"), "not enough stock for: " + teapot);
        browser.screenshot("09-out-of-stock");
        assertEquals("1 in stock", stockShown(teapot));
    }

    @Test
    void aPhoneWidthScreenShowsTheShopWithoutSidewaysScrolling() {
        browser.resize(390, 844);
        browser.go("");
        browser.await(By.cssSelector(".card"));
        browser.screenshot("10-phone");
        Number overflow = (Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, "the page scrolls sideways by " + overflow + " px");
        assertTrue(browser.all(By.xpath("//input[not(ancestor::label)] | //select[not(ancestor::label)]")).isEmpty(),
                "every form field has a label");
    }

    private String stockShown(String productName) {
        browser.go("#/?q=" + productName.substring(productName.lastIndexOf(' ') + 1));
        browser.link(productName).click();
        return browser.await(By.id("product-stock")).getText();
    }

    private static void product(String admin, String name, String price, int stock) {
        shop.through().auth().oauth2(admin)
                .body(Map.of("sku", "B-" + UUID.randomUUID().toString().substring(0, 12).toUpperCase(),
                        "name", name, "description", "Made by the browser test.",
                        "price", new java.math.BigDecimal(price), "category", "kitchen", "stock", stock))
                .when().post("/api/products")
                .then().statusCode(201);
    }
}
