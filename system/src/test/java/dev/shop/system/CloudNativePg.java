package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the manifest checks know of CloudNativePG, the operator of {@code k8s/overlays/kind-cnpg}, for
 * checking its custom resources without a cluster: the fields of its Cluster and Pooler the
 * overlay may use, as its CRDs define them; the pods, Services and labels the operator makes from
 * them; and where its own pods connect from. All of it from CloudNativePG {@value #VERSION}, the
 * version k8s/README.md installs; an upgrade rechecks it ({@link #describe}).
 */
final class CloudNativePg {

    /** The operator's version, whose CRDs and sources this is written from. */
    static final String VERSION = "1.30.0";
    static final String API_VERSION = "postgresql.cnpg.io/v1";
    static final Set<String> KINDS = Set.of("Cluster", "Pooler");
    /** The user its Poolers look passwords up as (auth_query), with a pool of its own (connection_pooling.md). */
    static final String POOLER_AUTH_USER = "cnpg_pooler_pgbouncer";

    /**
     * Every field of a Cluster or a Pooler the overlay may use, with its type and constraints, as
     * CloudNativePG {@value #VERSION}'s CRDs define them (config/crd/bases/postgresql.cnpg.io_clusters.yaml
     * and _poolers.yaml, spec.versions[v1].schema.openAPIV3Schema). A field not listed fails the
     * checks: read its definition in the CRD of the version installed, then add it here; with
     * {@code -Dshop.cnpg.crds=<that folder>} the checks compare every line with the CRDs themselves.
     * {@code []}: an item of an array; {@code *}: any key of a map. {@code quantity}: a Kubernetes
     * quantity (an integer, or a string like 250m or 1Gi). The CEL rules of these objects (imageName
     * or imageCatalogRef, image or imageCatalogRef, the locale fields, standbyNamesPre and -Post
     * with dataDurability preferred, an immutable spec.cluster) concern only fields not listed, or
     * changes, not a render.
     */
    static final String SCHEMA = """
            Cluster spec                                                             object required=instances
            Cluster spec.bootstrap                                                   object
            Cluster spec.bootstrap.initdb                                            object
            Cluster spec.bootstrap.initdb.database                                   string
            Cluster spec.bootstrap.initdb.owner                                      string
            Cluster spec.bootstrap.initdb.postInitApplicationSQLRefs                 object
            Cluster spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs   array
            Cluster spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[] object required=key,name
            Cluster spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[].key string
            Cluster spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[].name string
            Cluster spec.imageName                                                   string
            Cluster spec.instances                                                   integer minimum=1
            Cluster spec.managed                                                     object
            Cluster spec.managed.roles                                               array
            Cluster spec.managed.roles[]                                             object required=name
            Cluster spec.managed.roles[].bypassrls                                   boolean
            Cluster spec.managed.roles[].connectionLimit                             integer
            Cluster spec.managed.roles[].createdb                                    boolean
            Cluster spec.managed.roles[].createrole                                  boolean
            Cluster spec.managed.roles[].ensure                                      string enum=present|absent
            Cluster spec.managed.roles[].inherit                                     boolean
            Cluster spec.managed.roles[].login                                       boolean
            Cluster spec.managed.roles[].name                                        string
            Cluster spec.managed.roles[].passwordSecret                              object required=name
            Cluster spec.managed.roles[].passwordSecret.name                         string
            Cluster spec.managed.roles[].replication                                 boolean
            Cluster spec.managed.roles[].superuser                                   boolean
            Cluster spec.postgresql                                                  object
            Cluster spec.postgresql.parameters                                       map
            Cluster spec.postgresql.parameters.*                                     string
            Cluster spec.postgresql.synchronous                                      object required=method,number
            Cluster spec.postgresql.synchronous.dataDurability                       string enum=required|preferred
            Cluster spec.postgresql.synchronous.method                               string enum=any|first
            Cluster spec.postgresql.synchronous.number                               integer
            Cluster spec.resources                                                   object
            Cluster spec.resources.limits                                            map
            Cluster spec.resources.limits.*                                          quantity
            Cluster spec.resources.requests                                          map
            Cluster spec.resources.requests.*                                        quantity
            Cluster spec.storage                                                     object
            Cluster spec.storage.size                                                string
            Pooler spec                                                              object required=cluster,pgbouncer
            Pooler spec.cluster                                                      object required=name
            Pooler spec.cluster.name                                                 string
            Pooler spec.deploymentStrategy                                           object
            Pooler spec.deploymentStrategy.rollingUpdate                             object
            Pooler spec.deploymentStrategy.rollingUpdate.maxSurge                    int-or-string
            Pooler spec.deploymentStrategy.rollingUpdate.maxUnavailable              int-or-string
            Pooler spec.deploymentStrategy.type                                      string
            Pooler spec.instances                                                    integer
            Pooler spec.pgbouncer                                                    object
            Pooler spec.pgbouncer.image                                              string
            Pooler spec.pgbouncer.parameters                                         map
            Pooler spec.pgbouncer.parameters.*                                       string
            Pooler spec.pgbouncer.poolMode                                           string enum=session|transaction
            Pooler spec.template                                                     object
            Pooler spec.template.spec                                                object required=containers
            Pooler spec.template.spec.containers                                     array
            Pooler spec.template.spec.containers[]                                   object required=name
            Pooler spec.template.spec.containers[].name                              string
            Pooler spec.template.spec.containers[].resources                         object
            Pooler spec.template.spec.containers[].resources.limits                  map
            Pooler spec.template.spec.containers[].resources.limits.*                quantity
            Pooler spec.template.spec.containers[].resources.requests                map
            Pooler spec.template.spec.containers[].resources.requests.*              quantity
            Pooler spec.type                                                         string enum=rw|ro|r
            """;

    /** The pattern the CRDs give a resource quantity (the same as Kubernetes' own). */
    static final String QUANTITY_PATTERN =
            "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
    static final Map<String, String> CRD_FILES = Map.of(
            "Cluster", "postgresql.cnpg.io_clusters.yaml",
            "Pooler", "postgresql.cnpg.io_poolers.yaml");

    /** The operator's own pods (its release manifest: namespace cnpg-system, Deployment cnpg-controller-manager). */
    static final IngressRules.Source OPERATOR = new IngressRules.Source(
            Map.of(IngressRules.NAMESPACE_NAME, "cnpg-system"), Map.of("app.kubernetes.io/name", "cloudnative-pg"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CloudNativePg() {
    }

    static boolean isOperatorKind(HasMetadata object) {
        return API_VERSION.equals(object.getApiVersion()) && KINDS.contains(object.getKind());
    }

    /** A custom resource of the render as JSON, kind and all. */
    static JsonNode json(HasMetadata object) {
        try {
            return JSON.readTree(new KubernetesSerialization().asJson(object));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> all(Rendered rendered, String kind) {
        return rendered.all(GenericKubernetesResource.class).stream()
                .filter(o -> API_VERSION.equals(o.getApiVersion()) && kind.equals(o.getKind()))
                .map(CloudNativePg::json).toList();
    }

    static Optional<JsonNode> named(Rendered rendered, String kind, String name) {
        return all(rendered, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    // --- The schema: every field a Cluster or Pooler uses, checked against the CRDs' ------------

    /** The lines of {@link #SCHEMA}, by kind and path. */
    static Map<String, String> schema() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : SCHEMA.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+", 3);
            lines.put(parts[0] + " " + parts[1], parts[2]);
        }
        return lines;
    }

    /**
     * Every field of a Cluster or Pooler that the schema above does not have, or whose value is not
     * of its type, not one of its values, below its minimum; and every required field missing.
     */
    static List<String> schemaViolations(HasMetadata object) {
        List<String> violations = new ArrayList<>();
        JsonNode json = json(object);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(name)) {
                violations.add(name + ": not a field of a " + object.getKind());
            }
        }
        // The metadata is Kubernetes' own ObjectMeta, which the API model checks.
        StrictModel.unknownFields(object.getMetadata()).forEach(f -> violations.add("metadata" + f));
        check(object.getKind(), "spec", json.path("spec"), schema(), violations);
        return violations;
    }

    private static void check(String kind, String path, JsonNode value, Map<String, String> schema, List<String> violations) {
        String line = schema.get(kind + " " + path);
        if (line == null) {
            violations.add(path + ": not a field of " + kind + " in CloudNativePG " + VERSION
                    + "'s CRD as far as CloudNativePg.SCHEMA knows (look it up there, and add it)");
            return;
        }
        String type = line.split(" ")[0];
        boolean fits = switch (type) {
            case "object", "map" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "int-or-string" -> value.isIntegralNumber() || value.isTextual();
            case "quantity" -> value.isIntegralNumber() || value.isTextual() && Pattern.matches(QUANTITY_PATTERN, value.asText());
            default -> throw new IllegalStateException("a type CloudNativePg.SCHEMA does not know: " + line);
        };
        if (!fits) {
            violations.add(path + ": " + value + " is not a " + type);
            return;
        }
        for (String constraint : line.split(" ")) {
            if (constraint.startsWith("enum=") && !List.of(constraint.substring(5).split("\\|")).contains(value.asText())) {
                violations.add(path + ": " + value + " is not one of " + constraint.substring(5));
            }
            if (constraint.startsWith("minimum=") && value.asLong() < Long.parseLong(constraint.substring(8))) {
                violations.add(path + ": " + value + " is below the minimum " + constraint.substring(8));
            }
            if (constraint.startsWith("required=")) {
                for (String required : constraint.substring(9).split(",")) {
                    if (!value.has(required)) {
                        violations.add(path + "." + required + ": required, missing");
                    }
                }
            }
        }
        switch (type) {
            case "object" -> value.fields().forEachRemaining(f -> check(kind, path + "." + f.getKey(), f.getValue(), schema, violations));
            case "map" -> value.fields().forEachRemaining(f -> check(kind, path + ".*", f.getValue(), schema, violations));
            case "array" -> value.forEach(item -> check(kind, path + "[]", item, schema, violations));
            default -> {
            }
        }
    }

    /**
     * What a CRD says of one path, in the form of {@link #SCHEMA}'s lines: to compare them with the
     * CRDs of the version installed ({@code -Dshop.cnpg.crds}, the folder config/crd/bases of the
     * operator's repository at its release tag).
     */
    static String describe(Path crds, String kind, String path) throws IOException {
        JsonNode crd = YAML.readTree(crds.resolve(CRD_FILES.get(kind)).toFile());
        JsonNode version = null;
        for (JsonNode candidate : crd.path("spec").path("versions")) {
            if (candidate.path("name").asText().equals("v1")) {
                version = candidate;
            }
        }
        if (version == null) {
            return "no version v1";
        }
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        for (String step : path.replace("[]", ".[]").split("\\.")) {
            schema = switch (step) {
                case "[]" -> schema.path("items");
                case "*" -> schema.path("additionalProperties");
                default -> schema.path("properties").path(step);
            };
            if (schema.isMissingNode()) {
                return "missing";
            }
        }
        StringBuilder line = new StringBuilder();
        String type = schema.path("type").asText();
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            type = QUANTITY_PATTERN.equals(schema.path("pattern").asText()) ? "quantity" : "int-or-string";
        } else if (type.equals("object") && !schema.has("properties") && schema.has("additionalProperties")) {
            type = "map";
        } else if (schema.has("pattern")) {
            type += " pattern=" + schema.path("pattern").asText();
        }
        line.append(type);
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asText()));
            line.append(" enum=").append(String.join("|", values));
        }
        if (schema.has("minimum")) {
            line.append(" minimum=").append(schema.path("minimum").asLong());
        }
        if (schema.has("maximum")) {
            line.append(" maximum=").append(schema.path("maximum").asLong());
        }
        if (schema.has("required")) {
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            line.append(" required=").append(String.join(",", required));
        }
        return line.toString();
    }

    // --- What the operator makes: pods, Services, and who connects ------------------------------

    /** A pod the operator makes (not in the render): its labels and the ports its containers declare. */
    record OperatorPod(Map<String, String> labels, Set<Integer> ports) {
    }

    /**
     * The pods CloudNativePG makes from the render's Clusters and Poolers, with the labels and ports
     * it gives them ({@value #VERSION}: pkg/specs/pods.go, pkg/specs/jobs.go,
     * pkg/specs/pgbouncer/deployments.go): per Cluster its instances (PostgreSQL 5432, the instance
     * manager's metrics 9187 and status 8000) and the Jobs that initialize or clone one (no ports);
     * per Pooler its PgBouncers (5432, metrics 9127). By name: the Cluster's, "-jobs" added for its
     * Jobs, and the Pooler's.
     */
    static Map<String, OperatorPod> pods(Rendered rendered) {
        Map<String, OperatorPod> pods = new TreeMap<>();
        for (JsonNode cluster : all(rendered, "Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            Map<String, String> common = Map.of(
                    "cnpg.io/cluster", name,
                    "app.kubernetes.io/name", "postgresql",
                    "app.kubernetes.io/instance", name,
                    "app.kubernetes.io/managed-by", "cloudnative-pg",
                    "app.kubernetes.io/component", "database");
            Map<String, String> instance = new TreeMap<>(common);
            instance.put("cnpg.io/podRole", "instance");
            instance.put("cnpg.io/instanceName", name + "-1");
            instance.put("cnpg.io/instanceRole", "primary");
            pods.put(name, new OperatorPod(instance, Set.of(5432, 8000, 9187)));
            Map<String, String> job = new TreeMap<>(common);
            job.put("cnpg.io/jobRole", "join");
            job.put("cnpg.io/instanceName", name + "-2");
            pods.put(name + "-jobs", new OperatorPod(job, Set.of()));
        }
        for (JsonNode pooler : all(rendered, "Pooler")) {
            String name = pooler.path("metadata").path("name").asText();
            String cluster = pooler.path("spec").path("cluster").path("name").asText();
            pods.put(name, new OperatorPod(Map.of(
                    "cnpg.io/poolerName", name,
                    "cnpg.io/cluster", cluster,
                    "cnpg.io/podRole", "pooler",
                    "app.kubernetes.io/name", "postgresql",
                    "app.kubernetes.io/instance", cluster,
                    "app.kubernetes.io/managed-by", "cloudnative-pg",
                    "app.kubernetes.io/component", "pooler"), Set.of(5432, 9127)));
        }
        return pods;
    }

    /**
     * The Services the operator makes, each by the pods (of {@link #pods}) it sends connections to,
     * all on port 5432: per Cluster {@code -rw} (the primary), {@code -ro} (the replicas),
     * {@code -r} (any instance); per Pooler one named after it.
     */
    static Map<String, String> services(Rendered rendered) {
        Map<String, String> services = new TreeMap<>();
        for (JsonNode cluster : all(rendered, "Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            for (String suffix : List.of("-rw", "-ro", "-r")) {
                services.put(name + suffix, name);
            }
        }
        for (JsonNode pooler : all(rendered, "Pooler")) {
            String name = pooler.path("metadata").path("name").asText();
            services.put(name, name);
        }
        return services;
    }
}
