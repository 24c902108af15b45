package dev.shop.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/** What the shoppers browse, search for and order, learned from the shop's own catalog at the start. */
record Catalog(List<Category> categories, List<Long> products, List<Long> inStock, List<String> searchWords) {

    record Category(String slug, long products) {
    }

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 50;

    Catalog {
        categories = List.copyOf(categories);
        products = List.copyOf(products);
        inStock = List.copyOf(inStock);
        searchWords = List.copyOf(searchWords);
    }

    /** Reads the categories and every product (up to 5,000) through the gateway. */
    static Catalog discover(ShopApi shop) {
        JsonNode categoryList = fetch(shop, "/api/categories");
        List<Long> products = new ArrayList<>();
        List<Long> inStock = new ArrayList<>();
        Map<String, Long> perCategory = new HashMap<>();
        TreeSet<String> words = new TreeSet<>();
        int pages = 1;
        for (int page = 0; page < pages && page < MAX_PAGES; page++) {
            JsonNode listing = fetch(shop, "/api/products?size=" + PAGE_SIZE + "&page=" + page);
            pages = listing.path("totalPages").asInt(0);
            for (JsonNode product : listing.path("items")) {
                long id = product.path("id").asLong();
                products.add(id);
                if (product.path("stock").asInt(0) > 0) {
                    inStock.add(id);
                }
                perCategory.merge(product.path("category").asText(), 1L, Long::sum);
                words.addAll(searchWords(product.path("name").asText()));
            }
        }
        if (products.isEmpty()) {
            throw new ShopUnavailable("The shop at " + shop.target() + " has no products: there is nothing to browse or order.");
        }
        List<Category> categories = new ArrayList<>();
        for (JsonNode category : categoryList) {
            String slug = category.path("slug").asText();
            categories.add(new Category(slug, perCategory.getOrDefault(slug, 0L)));
        }
        return new Catalog(categories, products, inStock, words.isEmpty() ? List.of("shop") : List.copyOf(words));
    }

    /** Words of four letters or more from a product name: what a shopper might type. */
    static List<String> searchWords(String name) {
        List<String> words = new ArrayList<>();
        for (String word : name.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.length() >= 4) {
                words.add(word);
            }
        }
        return words;
    }

    /** Products worth ordering: those in stock at the start, or any when none is. */
    List<Long> orderable() {
        return inStock.isEmpty() ? products : inStock;
    }

    private static JsonNode fetch(ShopApi shop, String path) {
        ShopApi.Answer answer;
        try {
            answer = shop.get(path, Optional.empty()).join();
        } catch (CompletionException e) {
            throw new ShopUnavailable(unreachable(shop, path, e));
        }
        if (answer.status() != 200 || answer.body() == null) {
            throw new ShopUnavailable("GET " + shop.target().resolve(path) + " answered " + answer.describe()
                    + ", not 200 with JSON: is " + shop.target() + " the shop's gateway, and is the shop ready?");
        }
        return answer.body();
    }

    private static String unreachable(ShopApi shop, String path, CompletionException failure) {
        Throwable cause = Status.unwrap(failure);
        String why = cause instanceof ConnectException ? "the connection failed"
                : cause instanceof HttpTimeoutException ? "no answer in time"
                : cause.toString();
        return "Cannot reach the shop at " + shop.target() + " (GET " + path + ": " + why + "). Is it running? "
                + "`mvn -Prun` starts it at http://localhost:8080; --target or SHOP_LOAD_TARGET points elsewhere.";
    }
}
