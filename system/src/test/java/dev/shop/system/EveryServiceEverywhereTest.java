package dev.shop.system;

import dev.shop.system.ServicePlaces.Place;
import dev.shop.system.ServicePlaces.ShopService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every service is named in every place a service needs (ServicePlaces), and
 * docs/adding-a-service.md, the guide to adding a fifth, names each of those places: a service left
 * out of one fails here, and so does a place the guide forgets.
 */
class EveryServiceEverywhereTest {

    private static final Path REPOSITORY = DocumentationLinksTest.REPOSITORY;
    static final String GUIDE = "docs/adding-a-service.md";
    /** The service the guide adds, which stands for {@code <service>} in a place's path. */
    static final String EXAMPLE = "review-service";

    @Test
    void everyServiceIsInEveryPlaceItNeeds() {
        List<String> missing = new ArrayList<>();
        for (Place place : ServicePlaces.PLACES) {
            for (ShopService service : ServicePlaces.SERVICES) {
                if (!place.of().test(service)) {
                    continue;
                }
                String contents = place.contents(REPOSITORY, service);
                if (contents == null) {
                    missing.add(service.name() + ": " + REPOSITORY.relativize(place.in(REPOSITORY, service)) + " does not exist (" + place.what() + ")");
                } else if (!place.holds().test(contents, service)) {
                    missing.add(service.name() + ": not in " + REPOSITORY.relativize(place.in(REPOSITORY, service)) + " as " + place.what());
                }
            }
        }
        assertEquals(List.of(), missing, "services missing from places every service needs (see " + GUIDE + ")");
    }

    @Test
    void theGuideNamesEveryPlace() throws IOException {
        String guide = Files.readString(REPOSITORY.resolve(GUIDE));
        List<String> unnamed = ServicePlaces.PLACES.stream()
                .map(place -> place.path().replace("<service>", EXAMPLE))
                .distinct()
                .filter(path -> !guide.contains(path))
                .toList();
        assertEquals(List.of(), unnamed, GUIDE + " does not name these places a service must appear in");
    }

    /** A module that is deployed as a service of its own (it has Kubernetes manifests) is on the list. */
    @Test
    void everyDeployedModuleIsOnTheList() throws IOException {
        List<String> deployed;
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            deployed = modules.filter(m -> Files.isRegularFile(m.resolve("src/main/kubernetes/kubernetes.yml")))
                    .map(m -> m.getFileName().toString())
                    .sorted()
                    .toList();
        }
        List<String> listed = ServicePlaces.SERVICES.stream().map(ShopService::name).sorted().toList();
        assertEquals(listed, deployed, "the modules with src/main/kubernetes/kubernetes.yml against ServicePlaces.SERVICES");
    }
}
