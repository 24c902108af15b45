package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a service of the shop has to be named for it to be built, run, deployed, reached, scraped
 * and checked: derived from where the four that exist appear. docs/adding-a-service.md walks
 * through the same places in order, for a fifth; EveryServiceEverywhereTest holds both to it.
 */
final class ServicePlaces {

    /**
     * A service as the places name it: its module and DNS name; for one with data its role and schema
     * (and {@code key}, which names its password variable, Secret and compose network); for one the
     * gateway routes to, {@code key} is also its backend's name.
     */
    record ShopService(String name, String key, String role, String schema, boolean data, boolean routed) {

        static ShopService edge(String name) {
            return new ShopService(name, null, null, null, false, false);
        }

        static ShopService behindTheGateway(String name, String key, String role, String schema) {
            return new ShopService(name, key, role, schema, true, true);
        }

        String upperKey() {
            return key.toUpperCase(Locale.ROOT);
        }
    }

    /** The four services; a fifth is added here first, and the test then names every place it is missing from. */
    static final List<ShopService> SERVICES = List.of(
            ShopService.behindTheGateway("catalog-service", "catalog", "catalog_service", "catalog"),
            ShopService.behindTheGateway("user-service", "users", "user_service", "users"),
            ShopService.behindTheGateway("order-service", "orders", "order_service", "orders"),
            ShopService.edge("gateway"));

    /**
     * One place: a file (or directory) of the repository, {@code <service>} standing for the service's
     * module, what the service needs there, which services need it, and how to see that it is there
     * (given the file's text, or a directory's file names one a line).
     */
    record Place(String path, String what, Predicate<ShopService> of, BiPredicate<String, ShopService> holds) {

        Path in(Path repository, ShopService service) {
            return repository.resolve(path.replace("<service>", service.name()));
        }

        String contents(Path repository, ShopService service) {
            Path file = in(repository, service);
            try {
                if (Files.isDirectory(file)) {
                    try (Stream<Path> files = Files.list(file)) {
                        return String.join("\n", files.map(f -> f.getFileName().toString()).sorted().toList());
                    }
                }
                return Files.exists(file) ? Files.readString(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Predicate<ShopService> EVERY = s -> true;
    private static final Predicate<ShopService> WITH_DATA = ShopService::data;
    private static final Predicate<ShopService> ROUTED = ShopService::routed;

    static final List<Place> PLACES = List.of(
            // The build
            new Place("pom.xml", "a module of the reactor", EVERY,
                    (text, s) -> text.contains("<module>" + s.name() + "</module>")),
            new Place("system/pom.xml", "a test dependency (so the services are packaged before the system tests) and an argument of GeneratedManifests",
                    EVERY, (text, s) -> text.contains("<artifactId>" + s.name() + "</artifactId>")
                            && text.contains("<argument>" + s.name() + "</argument>")),
            // Its data
            new Place("database/init.sql", "a login role and a schema", WITH_DATA,
                    (text, s) -> found("\\('" + s.role() + "',\\s*'" + s.schema() + "'", text)),
            new Place("database/src/main/java/dev/shop/database/ServiceSchema.java", "its role, schema and password variable",
                    WITH_DATA, (text, s) -> text.contains("\"" + s.name() + "\", \"" + s.role() + "\", \"" + s.schema() + "\", \"" + s.upperKey() + "_DB_PASSWORD\"")),
            new Place("database/pgbouncer-start.sh", "a client PgBouncer lets in, with its password", WITH_DATA,
                    (text, s) -> text.contains("entry " + s.role() + " \"${" + s.upperKey() + "_DB_PASSWORD")),
            new Place("<service>/src/main/resources/application.properties", "its role as the user, its schema for Hibernate and Flyway",
                    WITH_DATA, (text, s) -> text.contains("%prod.quarkus.datasource.username=" + s.role())
                            && text.contains("quarkus.hibernate-orm.database.default-schema=" + s.schema())
                            && text.contains("quarkus.flyway.schemas=" + s.schema())),
            new Place("<service>/src/main/resources/db/migration", "its Flyway migrations", WITH_DATA,
                    (names, s) -> found("(?m)^V1__\\w+\\.sql$", names)),
            // The local run
            new Place("local-run/src/main/java/dev/shop/localrun/Service.java", "a service the local run starts, with its ports",
                    EVERY, (text, s) -> text.contains("(\"" + s.name() + "\", ")),
            new Place("local-run/src/main/java/dev/shop/localrun/ServiceEnvironment.java", "its database password, and where the gateway finds it",
                    s -> s.data() || s.routed(), (text, s) -> (!s.data() || text.contains("database.password(ServiceSchema." + s.upperKey() + ")"))
                            && (!s.routed() || found("Service\\.GATEWAY, List\\.of\\([^)]*Service\\." + s.upperKey() + "\\b", text))),
            // The gateway
            new Place("gateway/src/main/java/dev/shop/gateway/domain/Backend.java", "a backend, by its discovery name",
                    ROUTED, (text, s) -> text.contains("(\"" + s.key() + "\", \"" + s.name() + "\")")),
            new Place("gateway/src/main/java/dev/shop/gateway/domain/RoutingTable.java", "the public paths routed to it",
                    ROUTED, (text, s) -> text.contains("Backend." + s.upperKey() + ")")),
            new Place("gateway/src/main/resources/application.properties", "its address, discovery (Stork) and Kubernetes host",
                    ROUTED, (text, s) -> text.contains("shop.backend." + s.key() + ".host=")
                            && text.contains("quarkus.stork." + s.key() + ".service-discovery.type=")
                            && text.contains("quarkus.kubernetes.env.vars.shop-backend-" + s.key() + "-host=")),
            // Compose
            new Place("docker-compose.yml", "a service with the shared settings (health check, DNS, memory)", EVERY,
                    (text, s) -> found("(?m)^  " + Pattern.quote(s.name()) + ":\\R    <<: \\*service$", text)),
            new Place("docker-compose.yml", "its password for PostgreSQL and PgBouncer, and its data network", WITH_DATA,
                    (text, s) -> count(s.upperKey() + "_DB_PASSWORD: ${" + s.upperKey() + "_DB_PASSWORD}", text) >= 2
                            && found("(?m)^  " + s.key() + "-data:\\R    internal: true$", text)),
            new Place("docker-compose.yml", "the gateway's DNS name for it, and the internal network it is reached on", ROUTED,
                    (text, s) -> text.contains("SHOP_BACKEND_" + s.upperKey() + "_HOST: " + s.name())
                            && found("(?m)^  " + s.key() + ":\\R    internal: true$", text)),
            new Place(".env", "its development database password", WITH_DATA,
                    (text, s) -> found("(?m)^" + s.upperKey() + "_DB_PASSWORD=.+$", text)),
            // Kubernetes
            new Place("<service>/src/main/kubernetes/kubernetes.yml", "its HorizontalPodAutoscaler, PodDisruptionBudget and locked-down container",
                    EVERY, (text, s) -> text.contains("kind: HorizontalPodAutoscaler") && text.contains("kind: PodDisruptionBudget")
                            && text.contains("readOnlyRootFilesystem: true")),
            new Place("system/src/main/kustomize/kustomization.yaml", "its generated manifests in k8s/base/services", EVERY,
                    (text, s) -> text.contains("- " + s.name() + "/kubernetes.yml")),
            new Place("k8s/base/kustomization.yaml", "the Secret with its database password", WITH_DATA,
                    (text, s) -> text.contains("- name: " + s.key() + "-db")),
            new Place("k8s/base/network-policies.yaml", "a NetworkPolicy that lets its callers in", EVERY,
                    (text, s) -> policies(text).stream().anyMatch(p -> s.name().equals(selected(p)))),
            new Place("k8s/base/network-policies.yaml", "a way in to PgBouncer and, for its migrations, to PostgreSQL", WITH_DATA,
                    (text, s) -> admitted(text, "pgbouncer", s.name()) && admitted(text, "postgres", s.name())),
            new Place("k8s/overlays/kind-cnpg/cluster.yaml", "a role CloudNativePG manages", WITH_DATA,
                    (text, s) -> text.contains("- name: " + s.role())),
            new Place("k8s/overlays/kind-cnpg/schemas.sql", "its schema in the operator's database", WITH_DATA,
                    (text, s) -> found("\\('" + s.role() + "',\\s*'" + s.schema() + "'\\)", text)),
            new Place("k8s/overlays/kind-cnpg/kustomization.yaml", "its database Secret with the user name", WITH_DATA,
                    (text, s) -> text.contains("username=" + s.role())),
            new Place("k8s/overlays/kind-cnpg/network-policies.yaml", "a way in to the Pooler and the instances", WITH_DATA,
                    (text, s) -> text.contains("app.kubernetes.io/name: " + s.name())),
            // Observability
            new Place("observability/prometheus/prometheus.yml", "a scrape job finding every replica by DNS", EVERY,
                    (text, s) -> text.contains("job_name: " + s.name()) && text.contains("names: [" + s.name() + "]")),
            // The checks
            new Place("system/src/test/java/dev/shop/system/KubernetesManifestsIT.java", "the manifest checks' services and the flows its NetworkPolicies allow",
                    EVERY, (text, s) -> found("SERVICES = List\\.of\\([^)]*\"" + s.name() + "\"", text)
                            && text.contains("flows.put(\"" + s.name() + "\"")
                            && (!s.data() || found("DATA_SERVICES = List\\.of\\([^)]*\"" + s.name() + "\"", text))),
            new Place("system/src/test/java/dev/shop/system/KubernetesObservabilityIT.java", "the services Prometheus must find on Kubernetes",
                    EVERY, (text, s) -> found("SERVICES = List\\.of\\([^)]*\"" + s.name() + "\"", text)),
            new Place(".ci/compose-stage.sh", "the services CI's container stage builds, waits for and checks", EVERY,
                    (text, s) -> found("(?m)^SERVICES=\\([^)]*\\b" + Pattern.quote(s.name()) + "\\b", text)),
            // The documents
            new Place("README.md", "a row of the table of services", EVERY,
                    (text, s) -> text.contains("| `" + s.name() + "` |")),
            new Place("docs/architecture.md", "a section on what it owns", EVERY,
                    (text, s) -> found("(?m)^### `?" + Pattern.quote(s.name()) + "`?", text)));

    private ServicePlaces() {
    }

    private static boolean found(String regex, String text) {
        return Pattern.compile(regex).matcher(text).find();
    }

    private static int count(String literal, String text) {
        int count = 0;
        for (int i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) {
            count++;
        }
        return count;
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<JsonNode> policies(String text) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
            List<JsonNode> policies = new ArrayList<>();
            documents.forEachRemaining(policies::add);
            return policies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String selected(JsonNode policy) {
        return policy.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText(null);
    }

    /** Whether a policy of the pods named {@code target} lets pods named {@code source} in. */
    private static boolean admitted(String text, String target, String source) {
        return policies(text).stream().filter(p -> target.equals(selected(p)))
                .flatMap(p -> p.path("spec").path("ingress").findValues("app.kubernetes.io/name").stream())
                .anyMatch(name -> source.equals(name.asText()));
    }
}
