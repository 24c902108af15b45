package dev.shop.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the actions are, as requests to the gateway. Each scheduled request is one shopper doing one
 * thing: browsing and searching need no login; ordering, listing and cancelling are done as a
 * shopper with their token (a login first, when it has to be renewed, is part of that request's time);
 * a login is one shopper logging in again.
 */
final class Shopping implements OpenLoop.Requests {

    private static final int PAGE_SIZE = 20;
    private static final List<String> SORTS = List.of("name", "price", "-price");

    /** An order placed in this run, which a later cancel may take back. */
    private record PlacedOrder(Shopper shopper, String id) {
    }

    private final ShopApi shop;
    private final Catalog catalog;
    private final List<Shopper> shoppers;
    private final Statistics stats;
    private final String runId;
    private final AtomicLong orders = new AtomicLong();
    private final Queue<PlacedOrder> cancellable = new ConcurrentLinkedQueue<>();

    Shopping(ShopApi shop, Catalog catalog, List<Shopper> shoppers, Statistics stats, String runId) {
        this.shop = shop;
        this.catalog = catalog;
        this.shoppers = List.copyOf(shoppers);
        this.stats = stats;
        this.runId = runId;
    }

    @Override
    public CompletableFuture<Outcome> start(Action action, RandomGenerator random) {
        return switch (action) {
            case BROWSE -> browse(random);
            case SEARCH -> anonymous(Action.SEARCH, "/api/products?q=" + ShopApi.encode(pick(catalog.searchWords(), random)));
            case PRODUCT -> anonymous(Action.PRODUCT, "/api/products/" + pick(catalog.products(), random));
            case ORDER -> order(pick(shoppers, random), random);
            case LIST -> list(pick(shoppers, random));
            case CANCEL -> cancel(random);
            case LOGIN -> pick(shoppers, random).logIn(shop, stats::loggedIn)
                    .thenApply(status -> Outcome.answered(Action.LOGIN, status));
        };
    }

    /** The category list now and then; mostly a page of products, all or one category's, in some order. */
    private CompletableFuture<Outcome> browse(RandomGenerator random) {
        if (catalog.categories().isEmpty() || random.nextInt(5) == 0) {
            return anonymous(Action.BROWSE, "/api/categories");
        }
        Optional<Catalog.Category> category = random.nextBoolean()
                ? Optional.of(pick(catalog.categories(), random)) : Optional.empty();
        long products = category.map(Catalog.Category::products).orElse((long) catalog.products().size());
        int pages = (int) Math.max(1, (products + PAGE_SIZE - 1) / PAGE_SIZE);
        return anonymous(Action.BROWSE, "/api/products?page=" + random.nextInt(pages) + "&size=" + PAGE_SIZE
                + "&sort=" + ShopApi.encode(pick(SORTS, random))
                + category.map(c -> "&category=" + ShopApi.encode(c.slug())).orElse(""));
    }

    /** One or two products in stock, one of each, under a key no other order of any run has. */
    private CompletableFuture<Outcome> order(Shopper shopper, RandomGenerator random) {
        List<Long> products = new ArrayList<>(List.of(pick(catalog.orderable(), random)));
        Long second = pick(catalog.orderable(), random);
        if (random.nextBoolean() && !products.contains(second)) {
            products.add(second);
        }
        Map<String, Object> body = Map.of("items",
                products.stream().map(id -> Map.of("productId", id, "quantity", 1)).toList());
        Map<String, String> headers = Map.of("Idempotency-Key", "load-" + runId + "-" + orders.incrementAndGet());
        return asShopper(shopper, token -> shop.post("/api/orders", body, Optional.of(token), headers))
                .thenApply(answer -> {
                    if (answer.status() == 201 && answer.body() != null && answer.body().hasNonNull("id")) {
                        cancellable.add(new PlacedOrder(shopper, answer.body().get("id").asText()));
                    }
                    return Outcome.answered(Action.ORDER, answer.status());
                });
    }

    private CompletableFuture<Outcome> list(Shopper shopper) {
        return asShopper(shopper, token -> shop.get("/api/orders?size=10", Optional.of(token)))
                .thenApply(answer -> Outcome.answered(Action.LIST, answer.status()));
    }

    /** The oldest order of this run not yet cancelled; with none yet, the shopper lists their orders instead. */
    private CompletableFuture<Outcome> cancel(RandomGenerator random) {
        PlacedOrder order = cancellable.poll();
        if (order == null) {
            return list(pick(shoppers, random));
        }
        return asShopper(order.shopper(), token ->
                shop.post("/api/orders/" + order.id() + "/cancel", null, Optional.of(token), Map.of()))
                .thenApply(answer -> Outcome.answered(Action.CANCEL, answer.status()));
    }

    private CompletableFuture<Outcome> anonymous(Action action, String pathAndQuery) {
        return shop.getStatus(pathAndQuery, Optional.empty()).thenApply(status -> Outcome.answered(action, status));
    }

    private CompletableFuture<ShopApi.Answer> asShopper(Shopper shopper,
                                                       Function<String, CompletableFuture<ShopApi.Answer>> request) {
        return shopper.token(shop, stats::loggedIn).thenCompose(token -> request.apply(token).thenApply(answer -> {
            if (answer.status() == 401) {
                shopper.refused(token);
            }
            return answer;
        }));
    }

    private static <T> T pick(List<T> items, RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }
}
