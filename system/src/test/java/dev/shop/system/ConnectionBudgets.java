package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two budgets a render's database connections must fit, now that the services reach PostgreSQL
 * through a transaction pooler (PgBouncer: k8s/base's own Deployment, or CloudNativePG's Pooler):
 *
 * <ol>
 *   <li><b>Clients</b>, to the pooler: every data service at its autoscaler's maxReplicas plus a
 *   rolling update's surge plus the pods still draining, each pod with its full pool, must fit into
 *   the pooler's {@code max_client_conn}. A stopping pod drains (serves on, then finishes what it
 *   has) for up to its grace period, and the Deployment no longer counts it: its replacement, ready
 *   within seconds, is already one of the replicas. At worst every pod an update replaces is still
 *   draining, so the budget counts maxReplicas of them. {@code max_client_conn} is per PgBouncer
 *   process, and the pooler's Service spreads connections over its replicas at random, so the rule
 *   is: the replicas but one (one may be away for a drain, an update or a crash) must be able to
 *   take all of them between them,
 *   {@code clients ≤ max_client_conn × max(1, replicas − 1)}.</li>
 *   <li><b>Servers</b>, to PostgreSQL: each pooler replica opens at most
 *   {@code default_pool_size + reserve_pool_size} connections per pool, one pool per role that can
 *   log in through it (and per database: the services use one); the services' migrations connect
 *   directly, while a pod starts (every pod at once, at worst); and a reserve stays free for the
 *   superuser, the operator, psql and monitoring. All of it must fit {@code max_connections}.</li>
 * </ol>
 *
 * Which pooler and which server: the ones the services' {@code QUARKUS_DATASOURCE_JDBC_URL} and
 * {@code QUARKUS_FLYWAY_JDBC_URL} name, from the ConfigMaps they take their environment from.
 */
record ConnectionBudgets(String report, List<String> failures) {

    /** Connections kept free for PostgreSQL's superuser slots, the operator, psql and monitoring. */
    static final int RESERVED_CONNECTIONS = 20;
    /**
     * What Flyway holds open while it migrates: on PostgreSQL, Flyway 12 uses a connection of its
     * own for the migrations beside its main one, unless its lock is not transactional
     * (PostgreSQLDatabase.useSingleConnection); the services keep the default.
     */
    static final int FLYWAY_CONNECTIONS_PER_POD = 2;
    /** Agroal's pool size when a service sets none. */
    static final int DEFAULT_POOL_SIZE = 20;
    /** PgBouncer's defaults, for a setting not given. */
    static final Map<String, Integer> PGBOUNCER_DEFAULTS = Map.of("max_client_conn", 100, "default_pool_size", 20, "reserve_pool_size", 0);
    /** PostgreSQL's, likewise. */
    static final int DEFAULT_MAX_CONNECTIONS = 100;

    /** What the services connect to: a pooler (its replicas, settings and users) and a server. */
    record Pooler(String what, int replicas, int surge, Map<String, Integer> settings, List<String> users) {
    }

    record Server(String what, int maxConnections) {
    }

    boolean fits() {
        return failures.isEmpty();
    }

    static ConnectionBudgets of(Rendered rendered, Path repository, List<String> dataServices) throws IOException {
        URI queries = commonUrl(rendered, dataServices, "QUARKUS_DATASOURCE_JDBC_URL");
        URI migrations = commonUrl(rendered, dataServices, "QUARKUS_FLYWAY_JDBC_URL");
        Pooler pooler = pooler(rendered, queries.getHost());
        Server server = server(rendered, migrations.getHost());

        StringBuilder report = new StringBuilder(rendered.name() + ": connection budgets\n");
        List<String> failures = new ArrayList<>();
        int capacityReplicas = Math.max(1, pooler.replicas() - 1);
        int maxClients = pooler.settings().get("max_client_conn");
        report.append("  clients, to %s (%d replicas, max_client_conn %d each; with one away, %d must hold them all):%n"
                .formatted(pooler.what(), pooler.replicas(), maxClients, capacityReplicas));
        int clients = 0;
        int startingPods = 0;
        List<String> starting = new ArrayList<>();
        for (String service : dataServices) {
            HorizontalPodAutoscaler hpa = rendered.named(HorizontalPodAutoscaler.class, service).orElseThrow();
            Deployment deployment = rendered.named(Deployment.class, service).orElseThrow();
            int maxReplicas = hpa.getSpec().getMaxReplicas();
            int surge = RollingUpdate.of(deployment, maxReplicas).maxSurge();
            int draining = maxReplicas;
            int pool = poolSize(repository, service);
            int pods = maxReplicas + surge + draining;
            clients += pods * pool;
            // A draining pod has long run its migrations.
            startingPods += maxReplicas + surge;
            starting.add(String.valueOf(maxReplicas + surge));
            report.append("    %-16s (%d replicas + %d rolling-update surge + %d draining) x pool %d = %d%n"
                    .formatted(service, maxReplicas, surge, draining, pool, pods * pool));
        }
        int clientCapacity = maxClients * capacityReplicas;
        report.append("    total %d of %d%n".formatted(clients, clientCapacity));
        if (clients > clientCapacity) {
            failures.add("clients: %d connections from the services' pools, but %s takes %d (max_client_conn %d x %d): raise max_client_conn or the pooler's replicas, or lower a pool or a maxReplicas"
                    .formatted(clients, pooler.what(), clientCapacity, maxClients, capacityReplicas));
        }

        int perPool = pooler.settings().get("default_pool_size") + pooler.settings().get("reserve_pool_size");
        int pooled = (pooler.replicas() + pooler.surge()) * pooler.users().size() * perPool;
        int direct = startingPods * FLYWAY_CONNECTIONS_PER_POD;
        int servers = pooled + direct + RESERVED_CONNECTIONS;
        report.append("  servers, to %s (max_connections %d):%n".formatted(server.what(), server.maxConnections()));
        report.append("    %-16s (%d replicas + %d rolling-update surge) x %d pools (%s) x (default_pool_size %d + reserve_pool_size %d) = %d%n"
                .formatted("pooler", pooler.replicas(), pooler.surge(), pooler.users().size(), String.join(", ", pooler.users()),
                        pooler.settings().get("default_pool_size"), pooler.settings().get("reserve_pool_size"), pooled));
        report.append("    %-16s (%s pods starting) x %d Flyway connections = %d%n"
                .formatted("migrations", String.join(" + ", starting), FLYWAY_CONNECTIONS_PER_POD, direct));
        report.append("    %-16s %d%n".formatted("reserve", RESERVED_CONNECTIONS));
        report.append("    total %d of %d".formatted(servers, server.maxConnections()));
        if (servers > server.maxConnections()) {
            failures.add("servers: %d connections to %s, but max_connections is %d: raise max_connections, or lower the pooler's pool sizes or replicas, or a maxReplicas"
                    .formatted(servers, server.what(), server.maxConnections()));
        }
        return new ConnectionBudgets(report.toString(), List.copyOf(failures));
    }

    /** The one address every data service is given for {@code variable}: the budget assumes one pooler and one server. */
    static URI commonUrl(Rendered rendered, List<String> dataServices, String variable) {
        Map<String, String> urls = new TreeMap<>();
        for (String service : dataServices) {
            urls.put(service, sharedSetting(rendered, service, variable)
                    .orElseThrow(() -> new AssertionError(rendered.name() + ": " + service + " is given no " + variable)));
        }
        if (urls.values().stream().distinct().count() != 1) {
            throw new AssertionError(rendered.name() + ": the data services are given different " + variable + ": " + urls);
        }
        String url = urls.values().iterator().next();
        if (!url.startsWith("jdbc:")) {
            throw new AssertionError(rendered.name() + ": " + variable + " is not a JDBC URL: " + url);
        }
        return URI.create(url.substring("jdbc:".length()));
    }

    /** A setting a service reads from the ConfigMaps it takes its environment from, if one has it. */
    static java.util.Optional<String> sharedSetting(Rendered rendered, String service, String name) {
        Container container = rendered.named(Deployment.class, service).orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().getFirst();
        return container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(Objects::nonNull)
                .map(ref -> rendered.named(ConfigMap.class, ref.getName()).orElseThrow().getData().get(name))
                .filter(Objects::nonNull).findFirst();
    }

    /**
     * The pooler behind the host the services query through: a CloudNativePG Pooler of that name
     * (its Service is named after it), or the PgBouncer Deployment behind a Service of the render.
     */
    static Pooler pooler(Rendered rendered, String host) {
        var managed = CloudNativePg.named(rendered, "Pooler", host);
        if (managed.isPresent()) {
            JsonNode spec = managed.get().path("spec");
            JsonNode cluster = CloudNativePg.named(rendered, "Cluster", spec.path("cluster").path("name").asText())
                    .orElseThrow(() -> new AssertionError("Pooler " + host + " serves a Cluster the render does not have"));
            Map<String, Integer> settings = new LinkedHashMap<>();
            PGBOUNCER_DEFAULTS.forEach((key, fallback) -> settings.put(key, spec.path("pgbouncer").path("parameters").has(key)
                    ? Integer.parseInt(spec.path("pgbouncer").path("parameters").path(key).asText()) : fallback));
            // Who can log in through it: the Cluster's managed roles with a login, the database's
            // owner (the operator makes it with a login and a password), and its own auth_query user.
            List<String> users = new ArrayList<>();
            cluster.path("spec").path("managed").path("roles").forEach(role -> {
                if (role.path("login").asBoolean(false) && !role.path("ensure").asText("present").equals("absent")) {
                    users.add(role.path("name").asText());
                }
            });
            JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
            users.add(initdb.path("owner").asText(initdb.path("database").asText("app")));
            users.add(CloudNativePg.POOLER_AUTH_USER);
            int replicas = spec.path("instances").asInt(1);
            JsonNode rolling = spec.path("deploymentStrategy").path("rollingUpdate");
            int surge = RollingUpdate.of(intOrPercentage("Pooler " + host + "'s maxSurge", rolling.path("maxSurge")),
                    intOrPercentage("Pooler " + host + "'s maxUnavailable", rolling.path("maxUnavailable")), replicas).maxSurge();
            return new Pooler("Pooler " + host, replicas, surge, settings, users);
        }
        Service service = rendered.named(Service.class, host)
                .orElseThrow(() -> new AssertionError(rendered.name() + ": the services query through " + host + ", a Service the render does not have"));
        List<String> workloads = rendered.workloadsSelectedBy(service.getSpec().getSelector());
        if (workloads.size() != 1) {
            throw new AssertionError(rendered.name() + ": Service " + host + " selects " + workloads + ", not one pooler");
        }
        Deployment deployment = rendered.named(Deployment.class, workloads.getFirst())
                .orElseThrow(() -> new AssertionError(rendered.name() + ": the services query through " + workloads.getFirst() + ", not a pooler's Deployment"));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String ini = mountedFile(rendered, deployment, container, ".ini");
        String script = mountedFile(rendered, deployment, container, ".sh");
        Map<String, String> options = iniSection(ini, "pgbouncer");
        if (!"transaction".equals(options.get("pool_mode"))) {
            throw new AssertionError(rendered.name() + ": " + workloads.getFirst() + " pools by " + options.get("pool_mode") + ", not by transaction");
        }
        Map<String, Integer> settings = new LinkedHashMap<>();
        PGBOUNCER_DEFAULTS.forEach((key, fallback) -> settings.put(key, options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback));
        // Who can log in: the users the start script writes into the auth_file (its "entry" lines).
        List<String> users = new ArrayList<>();
        Matcher entry = Pattern.compile("(?m)^entry\\s+(\\S+)\\s").matcher(script);
        while (entry.find()) {
            users.add(entry.group(1));
        }
        if (users.isEmpty()) {
            throw new AssertionError(rendered.name() + ": no users in " + workloads.getFirst() + "'s start script (its entry lines)");
        }
        if (iniSection(ini, "databases").size() != 1) {
            throw new AssertionError(rendered.name() + ": the budget counts one database per user; " + workloads.getFirst() + " serves " + iniSection(ini, "databases").keySet());
        }
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        return new Pooler("Deployment " + deployment.getMetadata().getName(), replicas, RollingUpdate.of(deployment, replicas).maxSurge(), settings, users);
    }

    /** The PostgreSQL behind the host the services migrate through: a CloudNativePG Cluster's -rw Service, or a StatefulSet's. */
    static Server server(Rendered rendered, String host) {
        for (JsonNode cluster : CloudNativePg.all(rendered, "Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            if (host.equals(name + "-rw")) {
                JsonNode parameters = cluster.path("spec").path("postgresql").path("parameters");
                int max = parameters.has("max_connections") ? Integer.parseInt(parameters.path("max_connections").asText()) : DEFAULT_MAX_CONNECTIONS;
                return new Server("Cluster " + name + "'s primary", max);
            }
        }
        Service service = rendered.named(Service.class, host)
                .orElseThrow(() -> new AssertionError(rendered.name() + ": the services migrate through " + host + ", a Service the render does not have"));
        List<String> workloads = rendered.workloadsSelectedBy(service.getSpec().getSelector());
        StatefulSet postgres = workloads.size() != 1 ? null : rendered.named(StatefulSet.class, workloads.getFirst()).orElse(null);
        if (postgres == null) {
            throw new AssertionError(rendered.name() + ": Service " + host + " selects " + workloads + ", not one PostgreSQL StatefulSet");
        }
        List<String> arguments = postgres.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        int max = arguments.stream().filter(a -> a.startsWith("max_connections=")).map(a -> Integer.parseInt(a.substring("max_connections=".length())))
                .findFirst().orElseThrow(() -> new AssertionError("PostgreSQL's max_connections is set deliberately (args -c max_connections=...)"));
        return new Server("StatefulSet " + postgres.getMetadata().getName(), max);
    }

    /** A Kubernetes int-or-string: a number, or a string that must be a percentage; null when not given. */
    private static String intOrPercentage(String what, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isTextual() ? RollingUpdate.percentage(what, value.asText()) : value.asText();
    }

    static int poolSize(Path repository, String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(repository.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String size = properties.getProperty("%prod.quarkus.datasource.jdbc.max-size", properties.getProperty("quarkus.datasource.jdbc.max-size"));
        return size == null ? DEFAULT_POOL_SIZE : Integer.parseInt(size.trim());
    }

    /** The content of the file with that ending among the container's arguments, from the ConfigMap mounted there. */
    static String mountedFile(Rendered rendered, Deployment deployment, Container container, String ending) {
        String file = container.getArgs().stream().filter(a -> a.endsWith(ending)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " is given no *" + ending + " file"));
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (file.startsWith(mount.getMountPath() + "/")) {
                Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                if (volume.getConfigMap() != null) {
                    String content = rendered.named(ConfigMap.class, volume.getConfigMap().getName()).orElseThrow()
                            .getData().get(file.substring(mount.getMountPath().length() + 1));
                    if (content != null) {
                        return content;
                    }
                }
            }
        }
        throw new AssertionError(deployment.getMetadata().getName() + " reads " + file + ", which no ConfigMap mounted there has");
    }

    /** One section of an INI file (PgBouncer's: {@code key = value}, comments after ; or #). */
    static Map<String, String> iniSection(String ini, String section) {
        Map<String, String> options = new LinkedHashMap<>();
        String current = null;
        for (String raw : ini.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
            } else if (section.equals(current) && line.contains("=")) {
                options.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return options;
    }
}
