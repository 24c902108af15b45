package dev.shop.benchmarks;

import dev.shop.localrun.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Kubernetes manifests in k8s/ say about scale: each HPA's maxReplicas. */
final class Kubernetes {

    private Kubernetes() {
    }

    static String maxReplicas(Path repository, Service service) {
        Path manifest = repository.resolve("k8s/base/services").resolve(service.module()).resolve("kubernetes.yml");
        try {
            Matcher max = Pattern.compile("maxReplicas: (\\d+)").matcher(Files.readString(manifest));
            return max.find() ? max.group(1) : "?";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
