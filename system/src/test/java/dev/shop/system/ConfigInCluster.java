package dev.shop.system;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration a service reads when it runs from a render, looked up as MicroProfile Config
 * looks it up in the prod profile: its container's environment (the Deployment's env over its
 * envFrom ConfigMaps, over the variables its image sets), then its application.properties, then
 * shop-common's microprofile-config.properties; a {@code %prod.} key anywhere before a plain one;
 * {@code ${name}} and {@code ${name:default}} expanded. What lets a check compute, from the
 * manifests and the sources together, what a service does in the cluster.
 */
record ConfigInCluster(String service, Map<String, String> environment, List<Properties> files) {

    static final String COMMON = "common/src/main/resources/META-INF/microprofile-config.properties";
    private static final String IMAGE_VARIABLE = "quarkus.jib.environment-variables.";
    private static final Pattern KUBERNETES_REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^${}:]+)(?::([^${}]*))?}");
    private static final Pattern DISCOVERY_TYPE = Pattern.compile("quarkus\\.stork\\.(.+)\\.service-discovery\\.type");
    static final Duration STORK_DEFAULT_REFRESH = Duration.ofMinutes(5);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhmsDHMS]|ms)?");

    static ConfigInCluster of(Rendered rendered, Path repository, String service) {
        Properties common = load(repository.resolve(COMMON));
        Properties application = load(repository.resolve(service).resolve("src/main/resources/application.properties"));
        Deployment deployment = rendered.named(Deployment.class, service)
                .orElseThrow(() -> new AssertionError(rendered.name() + ": no Deployment " + service));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        Map<String, String> environment = new LinkedHashMap<>();
        for (Properties file : List.of(common, application)) {
            for (String key : file.stringPropertyNames()) {
                if (key.startsWith(IMAGE_VARIABLE)) {
                    environment.put(key.substring(IMAGE_VARIABLE.length()).replace("\"", ""), file.getProperty(key));
                }
            }
        }
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                rendered.named(ConfigMap.class, source.getConfigMapRef().getName())
                        .ifPresent(map -> map.getData().forEach((key, value) -> environment.put(prefix + key, value)));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            EnvVarSource from = variable.getValueFrom();
            if (variable.getValue() != null) {
                environment.put(variable.getName(), kubernetesExpanded(variable.getValue(), environment));
            } else if (from != null && from.getConfigMapKeyRef() != null) {
                rendered.named(ConfigMap.class, from.getConfigMapKeyRef().getName())
                        .map(map -> map.getData().get(from.getConfigMapKeyRef().getKey()))
                        .ifPresent(value -> environment.put(variable.getName(), value));
            } else if (from != null && from.getFieldRef() != null && from.getFieldRef().getFieldPath().equals("metadata.namespace")) {
                environment.put(variable.getName(), deployment.getMetadata().getNamespace());
            }
            // A Secret's key, or another field of the pod: nothing these checks read.
        }
        return new ConfigInCluster(service, Map.copyOf(environment), List.of(application, common));
    }

    /** The value the service reads for {@code property}, if any source has one. */
    Optional<String> value(String property) {
        return Optional.ofNullable(raw(property)).map(this::expanded);
    }

    /** A duration, in the forms Quarkus and Stork read: {@code 5} (seconds), {@code 500ms}, {@code 5S}, {@code 5m}, or ISO-8601. */
    Optional<Duration> duration(String property) {
        return value(property).map(ConfigInCluster::parseDuration);
    }

    /** Every property the service's files name (without a profile, the prod profile's included). */
    Set<String> propertyNames() {
        Set<String> names = new TreeSet<>();
        for (Properties file : files) {
            for (String key : file.stringPropertyNames()) {
                if (!key.startsWith("%")) {
                    names.add(key);
                } else if (key.startsWith("%prod.")) {
                    names.add(key.substring("%prod.".length()));
                }
            }
        }
        return names;
    }

    /**
     * The Stork service discoveries the service uses in the cluster that look replicas up again and
     * again (every type but a static list), each with its refresh period (Stork's 5 minutes when
     * none is set: CachingServiceDiscovery.DEFAULT_REFRESH_INTERVAL).
     */
    List<Discovery> discoveries() {
        List<Discovery> discoveries = new ArrayList<>();
        for (String key : propertyNames()) {
            Matcher type = DISCOVERY_TYPE.matcher(key);
            if (type.matches() && !value(key).orElseThrow().equals("static")) {
                String prefix = "quarkus.stork." + type.group(1) + ".service-discovery.";
                discoveries.add(new Discovery(service, type.group(1).replace("\"", ""), value(key).orElseThrow(),
                        value(prefix + "hostname").orElse(null),
                        duration(prefix + "refresh-period").orElse(STORK_DEFAULT_REFRESH)));
            }
        }
        return discoveries;
    }

    /** One service's discovery of another's replicas: its Stork name and type, the host it looks up, how often. */
    record Discovery(String caller, String name, String type, String host, Duration refresh) {
    }

    static Duration parseDuration(String value) {
        String text = value.trim();
        Matcher shortForm = SHORT_DURATION.matcher(text);
        if (!shortForm.matches()) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(shortForm.group(1));
        String unit = shortForm.group(2) == null ? "s" : shortForm.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private String raw(String property) {
        for (String name : List.of("%prod." + property, property)) {
            String fromEnvironment = fromEnvironment(name);
            if (fromEnvironment != null) {
                return fromEnvironment;
            }
            for (Properties file : files) {
                if (file.getProperty(name) != null) {
                    return file.getProperty(name);
                }
            }
        }
        return null;
    }

    /** The variable for a property: its exact name, then every non-alphanumeric as _, then that upper-cased. */
    private String fromEnvironment(String property) {
        String underscored = property.replaceAll("[^A-Za-z0-9]", "_");
        for (String name : List.of(property, underscored, underscored.toUpperCase(Locale.ROOT))) {
            if (environment.containsKey(name)) {
                return environment.get(name);
            }
        }
        return null;
    }

    private String expanded(String value) {
        String text = value;
        for (int depth = 0; depth < 20; depth++) {
            Matcher expression = EXPRESSION.matcher(text);
            if (!expression.find()) {
                return text;
            }
            String name = expression.group(1);
            String resolved = raw(name) != null ? raw(name) : expression.group(2);
            if (resolved == null) {
                throw new AssertionError(service + ": ${" + name + "} has no value in the cluster");
            }
            text = text.substring(0, expression.start()) + resolved + text.substring(expression.end());
        }
        throw new AssertionError(service + ": " + value + " expands without end");
    }

    /** Kubernetes' own {@code $(NAME)}: a variable defined before this one; an unknown name stays as it is, as Kubernetes leaves it. */
    private static String kubernetesExpanded(String value, Map<String, String> defined) {
        return KUBERNETES_REFERENCE.matcher(value).replaceAll(reference -> Matcher.quoteReplacement(
                defined.getOrDefault(reference.group(1), reference.group())));
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
