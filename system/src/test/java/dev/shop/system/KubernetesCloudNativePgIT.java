package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shop.database.EmbeddedDatabase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code k8s/overlays/kind-cnpg}, where CloudNativePG runs the shop's PostgreSQL, as far as it can be
 * checked without a cluster (the generic checks of KubernetesManifestsIT cover it too: strict
 * parsing, its resources against the fields of the operator's CRDs, NetworkPolicies, budgets):
 * every Secret and ConfigMap its Cluster and Pooler name is in the render, of the form the operator
 * reads, and is the one the services read; the Pooler pools as k8s/base's PgBouncer does; the
 * Cluster's roles and its schema script make in PostgreSQL exactly what database/init.sql makes.
 */
class KubernetesCloudNativePgIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("shop.repository"));
    private static final String OVERLAY = "kind-cnpg";
    /**
     * The PgBouncer settings a Pooler may set ({@value CloudNativePg#VERSION}: connection_pooling.md,
     * "PgBouncer configuration options"); the operator manages the rest itself (listening, TLS,
     * authentication). ignore_startup_parameters is left out: the operator sets its own
     * (extra_float_digits, options), which covers what database/pgbouncer.ini ignores.
     */
    private static final Set<String> POOLER_SETTINGS = Set.of(
            "application_name_add_host", "autodb_idle_timeout", "cancel_wait_timeout", "client_idle_timeout",
            "client_login_timeout", "default_pool_size", "disable_pqexec", "dns_max_ttl", "dns_nxdomain_ttl",
            "idle_transaction_timeout", "listen_backlog", "log_connections", "log_disconnections", "log_pooler_errors",
            "log_stats", "max_client_conn", "max_db_connections", "max_packet_size", "max_prepared_statements",
            "max_user_connections", "min_pool_size", "pkt_buf", "query_timeout", "query_wait_timeout",
            "reserve_pool_size", "reserve_pool_timeout", "sbuf_loopcnt", "server_check_delay", "server_check_query",
            "server_connect_timeout", "server_fast_close", "server_idle_timeout", "server_lifetime",
            "server_login_retry", "server_reset_query", "server_reset_query_always", "server_round_robin",
            "stats_period", "suspend_timeout", "tcp_defer_accept", "tcp_keepalive", "tcp_keepcnt", "tcp_keepidle",
            "tcp_keepintvl", "tcp_user_timeout", "tcp_socket_buffer", "track_extra_parameters", "verbose");

    private static Rendered cnpg() {
        return KubernetesManifestsIT.overlay(OVERLAY);
    }

    /**
     * {@link CloudNativePg#SCHEMA} is what the CRDs say, line by line: run with
     * {@code -Dshop.cnpg.crds=<config/crd/bases of the operator's repository at v1.30.0>} (or
     * SHOP_CNPG_CRDS), after an upgrade or an addition. The CRDs are not kept in this repository.
     */
    @Test
    void theSchemaIsTheOneTheCrdsDefine() throws IOException {
        String folder = System.getProperty("shop.cnpg.crds", System.getenv("SHOP_CNPG_CRDS"));
        Assumptions.assumeTrue(folder != null && !folder.isBlank(),
                "CloudNativePG's CRDs not given (-Dshop.cnpg.crds): CloudNativePg.SCHEMA is taken as written from " + CloudNativePg.VERSION);
        List<String> differences = new ArrayList<>();
        CloudNativePg.schema().forEach((where, line) -> {
            String[] kindAndPath = where.split(" ");
            try {
                String actual = CloudNativePg.describe(Path.of(folder), kindAndPath[0], kindAndPath[1]);
                if (!actual.equals(line)) {
                    differences.add(where + ": written " + line + ", the CRD says " + actual);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(), differences, "CloudNativePg.SCHEMA against the CRDs in " + folder);
    }

    @Test
    void everySecretAndConfigMapTheClusterAndPoolerNameIsInTheRender() {
        Rendered rendered = cnpg();
        List<JsonNode> clusters = CloudNativePg.all(rendered, "Cluster");
        assertEquals(1, clusters.size(), OVERLAY + " has one Cluster");
        JsonNode cluster = clusters.getFirst();
        String name = cluster.path("metadata").path("name").asText();
        for (JsonNode pooler : CloudNativePg.all(rendered, "Pooler")) {
            assertEquals(name, pooler.path("spec").path("cluster").path("name").asText(),
                    "Pooler " + pooler.path("metadata").path("name").asText() + " serves the Cluster of the render");
        }
        for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
            String secretName = role.path("passwordSecret").path("name").asText();
            String what = "role " + role.path("name").asText() + "'s passwordSecret " + secretName;
            Secret secret = rendered.named(Secret.class, secretName).orElseThrow(() -> new AssertionError(what + " is not in the render"));
            assertEquals("kubernetes.io/basic-auth", secret.getType(), what + " is of the form the operator reads");
            assertEquals(role.path("name").asText(), decoded(secret, "username"), what + "'s username is the role's");
            assertFalse(decoded(secret, "password").isEmpty(), what + " has a password");
        }
        JsonNode scripts = cluster.path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQLRefs");
        for (JsonNode reference : scripts.path("configMapRefs")) {
            String mapName = reference.path("name").asText();
            ConfigMap map = rendered.named(ConfigMap.class, mapName)
                    .orElseThrow(() -> new AssertionError("the Cluster's post-init ConfigMap " + mapName + " is not in the render"));
            assertNotNull(map.getData().get(reference.path("key").asText()), "ConfigMap " + mapName + " has the key " + reference.path("key").asText());
        }
        for (JsonNode reference : scripts.path("secretRefs")) {
            String secretName = reference.path("name").asText();
            Secret secret = rendered.named(Secret.class, secretName)
                    .orElseThrow(() -> new AssertionError("the Cluster's post-init Secret " + secretName + " is not in the render"));
            decoded(secret, reference.path("key").asText());
        }
    }

    /**
     * Each data service logs in as a role the Cluster manages, with a login, whose password is the
     * one the service reads: the same Secret, key password. The database is the one the Cluster makes.
     */
    @Test
    void eachServiceLogsInAsAManagedRoleWithThePasswordItReads() throws IOException {
        Rendered rendered = cnpg();
        JsonNode cluster = CloudNativePg.all(rendered, "Cluster").getFirst();
        Map<String, JsonNode> roles = new TreeMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(r -> roles.put(r.path("name").asText(), r));
        String database = ConnectionBudgets.commonUrl(rendered, KubernetesManifestsIT.DATA_SERVICES, "QUARKUS_DATASOURCE_JDBC_URL").getPath();
        assertEquals("/" + cluster.path("spec").path("bootstrap").path("initdb").path("database").asText(), database,
                "the services use the database the Cluster makes");
        for (String service : KubernetesManifestsIT.DATA_SERVICES) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve(service).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            String user = properties.getProperty("%prod.quarkus.datasource.username", properties.getProperty("quarkus.datasource.username"));
            JsonNode role = roles.get(user);
            assertNotNull(role, service + " logs in as " + user + ", which the Cluster does not manage");
            assertTrue(role.path("login").asBoolean(false), user + " may log in");
            EnvVar password = rendered.named(Deployment.class, service).orElseThrow().getSpec().getTemplate().getSpec()
                    .getContainers().getFirst().getEnv().stream().filter(v -> v.getName().equals("QUARKUS_DATASOURCE_PASSWORD"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " reads no QUARKUS_DATASOURCE_PASSWORD"));
            assertEquals(role.path("passwordSecret").path("name").asText(), password.getValueFrom().getSecretKeyRef().getName(),
                    service + " reads the Secret its role's password comes from");
            assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey(), service + " reads the key the operator reads");
        }
    }

    /**
     * The Pooler pools as database/pgbouncer.ini does (k8s/base and compose): in front of the
     * primary, by transaction, and every setting both can have is the same.
     */
    @Test
    void thePoolerPoolsAsTheShopsOwnPgBouncerDoes() throws IOException {
        Map<String, String> ini = ConnectionBudgets.iniSection(Files.readString(REPOSITORY.resolve("database/pgbouncer.ini")), "pgbouncer");
        assertEquals("transaction", ini.get("pool_mode"));
        for (JsonNode pooler : CloudNativePg.all(cnpg(), "Pooler")) {
            String what = "Pooler " + pooler.path("metadata").path("name").asText();
            JsonNode spec = pooler.path("spec");
            assertEquals("rw", spec.path("type").asText("rw"), what + " sends every query to the primary");
            assertEquals(ini.get("pool_mode"), spec.path("pgbouncer").path("poolMode").asText("session"), what + "'s pool mode");
            Map<String, String> parameters = new TreeMap<>();
            spec.path("pgbouncer").path("parameters").fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
            Map<String, String> expected = new TreeMap<>();
            ini.forEach((key, value) -> {
                if (POOLER_SETTINGS.contains(key)) {
                    expected.put(key, value);
                }
            });
            assertEquals(expected, parameters, what + "'s parameters against database/pgbouncer.ini's (those a Pooler may set)");
        }
    }

    /** Two instances at least, so that there is a replica to fail over to; every image pinned. */
    @Test
    void theClusterHasAReplicaToFailOverTo() {
        JsonNode cluster = CloudNativePg.all(cnpg(), "Cluster").getFirst().path("spec");
        assertTrue(cluster.path("instances").asInt() >= 2, "a primary and a replica at least");
        assertFalse(cluster.path("enableSuperuserAccess").asBoolean(false), "no network login for the superuser");
        assertTrue(cluster.path("imageName").asText().matches(".+:[0-9]+\\.[0-9]+.*"), "PostgreSQL's image names its version");
        for (JsonNode pooler : CloudNativePg.all(cnpg(), "Pooler")) {
            assertTrue(pooler.path("spec").path("pgbouncer").path("image").asText().matches(".+:[0-9]+\\.[0-9]+.*"), "PgBouncer's image names its version");
        }
    }

    /**
     * The schema script with the Cluster's managed roles, applied as the operator applies them to a
     * new cluster, makes what database/init.sql makes as k8s/base's PostgreSQL runs it: each on a real
     * PostgreSQL, then compared — every role's attributes, memberships and settings (search_path),
     * every schema's owner and rights, the database's rights. The operator's own roles are not
     * compared: the database's owner it makes (bootstrap.initdb.owner), which owns database shop
     * there, where postgres owns it in k8s/base.
     */
    @Test
    void theClustersRolesAndSchemaScriptMakeWhatInitSqlMakes() throws Exception {
        Rendered base = KubernetesManifestsIT.overlay("kind");
        Map<String, String> environment = new TreeMap<>();
        StatefulSet postgres = base.named(StatefulSet.class, "postgres").orElseThrow();
        for (EnvVar variable : postgres.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                var reference = variable.getValueFrom().getSecretKeyRef();
                environment.put(variable.getName(), decoded(base.named(Secret.class, reference.getName()).orElseThrow(), reference.getKey()));
            }
        }
        Map<String, String> fromInitSql;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(null, 0, environment::get);
             Connection connection = database.connectAsSuperuser()) {
            fromInitSql = catalog(connection, Set.of());
        }

        Rendered rendered = cnpg();
        JsonNode cluster = CloudNativePg.all(rendered, "Cluster").getFirst().path("spec");
        JsonNode initdb = cluster.path("bootstrap").path("initdb");
        String owner = initdb.path("owner").asText();
        String databaseName = initdb.path("database").asText();
        Map<String, String> fromCluster;
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            // As the operator's initdb step: the owner, the database, then the post-init SQL in it
            // (one script, one exec, search_path "$user", public: pkg/management/postgres/initdb.go).
            try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + identifier(owner) + " LOGIN");
                statement.execute("CREATE DATABASE " + identifier(databaseName) + " OWNER " + identifier(owner));
            }
            try (Connection connection = DriverManager.getConnection(server.getJdbcUrl("postgres", databaseName));
                 Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO \"$user\", public");
                for (JsonNode reference : initdb.path("postInitApplicationSQLRefs").path("configMapRefs")) {
                    statement.execute(rendered.named(ConfigMap.class, reference.path("name").asText()).orElseThrow()
                            .getData().get(reference.path("key").asText()));
                }
                statement.execute("RESET search_path");
                // Then, the primary running, the managed roles: every attribute as the spec says,
                // or its default (declarative_role_management.md), and the password of its Secret.
                for (JsonNode role : cluster.path("managed").path("roles")) {
                    String name = role.path("name").asText();
                    boolean exists;
                    try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(name))) {
                        exists = rs.next();
                    }
                    String password = decoded(rendered.named(Secret.class, role.path("passwordSecret").path("name").asText()).orElseThrow(), "password");
                    statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + identifier(name) + " WITH"
                            + flag(role, "login", false, "LOGIN") + flag(role, "superuser", false, "SUPERUSER")
                            + flag(role, "createdb", false, "CREATEDB") + flag(role, "createrole", false, "CREATEROLE")
                            + flag(role, "inherit", true, "INHERIT") + flag(role, "replication", false, "REPLICATION")
                            + flag(role, "bypassrls", false, "BYPASSRLS")
                            + " CONNECTION LIMIT " + role.path("connectionLimit").asInt(-1)
                            + " PASSWORD " + literal(password));
                }
                fromCluster = catalog(connection, Set.of(owner));
            }
        }
        assertEquals(fromInitSql, fromCluster,
                "the Cluster's managed roles and schema script (k8s/overlays/" + OVERLAY + ") against database/init.sql");
    }

    /**
     * What the shop's set-up leaves in a server, seen from its database: roles (but PostgreSQL's own,
     * the superuser and {@code left out}), schemas (but PostgreSQL's own), and the database's rights.
     */
    private static Map<String, String> catalog(Connection connection, Set<String> leftOut) throws SQLException {
        Map<String, String> catalog = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
                           r.rolreplication, r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil, r.rolpassword IS NOT NULL,
                           (SELECT string_agg(m.roleid::regrole::text, ',' ORDER BY 1) FROM pg_auth_members m WHERE m.member = r.oid),
                           (SELECT array_to_string(s.setconfig, ',') FROM pg_db_role_setting s WHERE s.setrole = r.oid AND s.setdatabase = 0)
                    FROM pg_authid r WHERE r.rolname !~ '^pg_' AND r.rolname <> 'postgres'""")) {
                while (rs.next()) {
                    if (!leftOut.contains(rs.getString(1))) {
                        catalog.put("role " + rs.getString(1), "superuser=%s inherit=%s createrole=%s createdb=%s login=%s replication=%s bypassrls=%s connlimit=%s validuntil=%s password=%s memberof=%s settings=%s"
                                .formatted(rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6),
                                        rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), rs.getString(10), rs.getBoolean(11),
                                        rs.getString(12), rs.getString(13)));
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery("""
                    SELECT n.nspname, n.nspowner::regrole::text, n.nspacl::text FROM pg_namespace n
                    WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'""")) {
                while (rs.next()) {
                    catalog.put("schema " + rs.getString(1), "owner=" + rs.getString(2) + " acl=" + rs.getString(3));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT datacl::text FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                catalog.put("database", "acl=" + rs.getString(1));
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_default_acl")) {
                rs.next();
                catalog.put("default privileges", rs.getString(1));
            }
        }
        return catalog;
    }

    private static String flag(JsonNode role, String field, boolean fallback, String keyword) {
        return role.path(field).asBoolean(fallback) ? " " + keyword : " NO" + keyword;
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String decoded(Secret secret, String key) {
        String value = secret.getData() != null ? secret.getData().get(key) : null;
        if (value != null) {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        }
        String plain = secret.getStringData() != null ? secret.getStringData().get(key) : null;
        if (plain == null) {
            throw new AssertionError("Secret " + secret.getMetadata().getName() + " has no key " + key);
        }
        return plain;
    }
}
