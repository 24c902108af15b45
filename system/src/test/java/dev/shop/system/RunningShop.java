package dev.shop.system;

import dev.shop.database.ExternalDatabase;
import dev.shop.localrun.Service;
import dev.shop.localrun.ShopSettings;
import dev.shop.localrun.ShopSystem;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;

/**
 * The whole shop for a test class, started as the one-command local run starts it, and reached
 * through the gateway:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RunningShop shop = RunningShop.shared();
 * </pre>
 *
 * <p>{@link #shared()} is one shop for every class that only uses it: started for the first of them
 * and stopped when the test run ends ({@link SharedShopLast} runs those classes last, so it is never
 * up beside another). A class that stops or freezes a service, needs other settings, or needs the
 * shop as it is right after start, has {@link #ofItsOwn()}: started before its tests and stopped
 * after them. There is never more than one shop at a time: the shared one is stopped before a class
 * starts its own.
 */
final class RunningShop implements BeforeAllCallback, AfterAllCallback {

    static final String ADMIN_EMAIL = "admin@shop.example";
    static final String ADMIN_PASSWORD = "system test admin password";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningShop.class);

    /** The shop classes share, while it runs. */
    private static ShopSystem shared;

    /** How a shop of its own differs from the shared one's settings; {@code null} for the shared one. */
    private final UnaryOperator<ShopSettings> ownSettings;
    private ShopSystem system;

    private RunningShop(UnaryOperator<ShopSettings> ownSettings) {
        this.ownSettings = ownSettings;
    }

    /** The shop every class that only uses it shares. */
    static RunningShop shared() {
        return new RunningShop(null);
    }

    /** A shop for this class alone, as the shared one is set up. */
    static RunningShop ofItsOwn() {
        return ofItsOwn(settings -> settings);
    }

    /** A shop for this class alone, with {@code settings} applied (more variables for every service, say). */
    static RunningShop ofItsOwn(UnaryOperator<ShopSettings> settings) {
        return new RunningShop(settings);
    }

    /** The settings of the system tests' shops: free ports, an administrator, and the PostgreSQL the environment names if it names one. */
    static ShopSettings settings() {
        ShopSettings settings = new ShopSettings(Path.of(System.getProperty("shop.repository")))
                .logDirectory(Path.of(System.getProperty("shop.logs")))
                .randomPorts()
                .administrator(ADMIN_EMAIL, ADMIN_PASSWORD);
        ExternalDatabase.fromEnvironment().ifPresent(settings::externalDatabase);
        return settings;
    }

    boolean isShared() {
        return ownSettings == null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isShared()) {
            system = startShared(context);
        } else {
            stopShared();
            system = ShopSystem.start(ownSettings.apply(settings()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!isShared() && system != null) {
            system.close();
        }
        system = null;
    }

    private static synchronized ShopSystem startShared(ExtensionContext context) {
        if (shared == null) {
            // Stopped when the whole run ends, after the last class that uses it.
            context.getRoot().getStore(NAMESPACE).computeIfAbsent("shared shop",
                    key -> (AutoCloseable) RunningShop::stopShared, AutoCloseable.class);
            shared = ShopSystem.start(settings());
        }
        return shared;
    }

    private static synchronized void stopShared() {
        if (shared != null) {
            ShopSystem stopping = shared;
            shared = null;
            stopping.close();
        }
    }

    /** The shop's processes: to stop, restart or look at one of them. */
    ShopSystem system() {
        if (system == null) {
            throw new IllegalStateException("the shop runs only while its test class does");
        }
        return system;
    }

    URI uri(Service service) {
        return system().uri(service);
    }

    /** The service's management interface: health, metrics, OpenAPI, Swagger UI. */
    URI managementUri(Service service) {
        return system().managementUri(service);
    }

    /** A JSON request to the gateway. */
    RequestSpecification through() {
        return given().baseUri(uri(Service.GATEWAY).toString()).contentType(ContentType.JSON);
    }

    /** Registers a new customer through the gateway and logs them in. */
    String newCustomerToken() {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        through().body(Map.of("email", email, "password", "a good password", "name", "Shopper"))
                .when().post("/api/users").then().statusCode(201);
        return login(email, "a good password");
    }

    String login(String email, String password) {
        return through().body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /**
     * Runs the classes that share the shop after all others, in the order they had, so that it is
     * started once and never runs beside a class's own shop or processes. Set as the default class
     * order in {@code junit-platform.properties}.
     */
    public static final class SharedShopLast implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparing(SharedShopLast::usesTheSharedShop));
        }

        private static boolean usesTheSharedShop(ClassDescriptor descriptor) {
            return Arrays.stream(descriptor.getTestClass().getDeclaredFields())
                    .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == RunningShop.class)
                    .anyMatch(SharedShopLast::isShared);
        }

        private static boolean isShared(Field field) {
            try {
                field.setAccessible(true);
                return field.get(null) instanceof RunningShop shop && shop.isShared();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
