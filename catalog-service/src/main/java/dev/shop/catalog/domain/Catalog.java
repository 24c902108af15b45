package dev.shop.catalog.domain;

import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import dev.shop.common.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Products and categories: reading the catalog, and the administrators' changes to it. */
@ApplicationScoped
public class Catalog {

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final ProductViews views;

    Catalog(ProductRepository products, CategoryRepository categories, ProductViews views) {
        this.products = products;
        this.categories = categories;
        this.views = views;
    }

    public List<Category> categories() {
        return categories.listByName();
    }

    public Page<ProductView> search(ProductQuery query) {
        return views.search(query, this::searchDatabase);
    }

    private Page<ProductView> searchDatabase(ProductQuery query) {
        if (query.categorySlug() != null && categories.findBySlug(query.categorySlug()).isEmpty()) {
            throw ProblemException.invalidField("category", "is not a known category");
        }
        return Page.of(products.search(query), query.page(), products.countMatching(query));
    }

    public Optional<ProductView> product(long id) {
        return views.find(id, products::findView);
    }

    /** The new product, read as the product page reads it. */
    @Transactional
    public ProductView create(ProductDetails details) {
        Category category = category(details.categorySlug());
        requireFreeSku(details.sku(), null);
        Product product = new Product(details, category);
        products.persistAndFlush(product);
        return product.view();
    }

    /** The product as changed, read as the product page reads it; empty if there is none. */
    @Transactional
    public Optional<ProductView> update(long id, ProductDetails details) {
        Category category = category(details.categorySlug());
        Optional<Product> found = products.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
        found.ifPresent(product -> {
            requireFreeSku(details.sku(), id);
            product.update(details, category);
            products.flush();
        });
        return found.map(Product::view);
    }

    @Transactional
    public boolean delete(long id) {
        return products.deleteById(id);
    }

    private Category category(String slug) {
        return categories.findBySlug(slug)
                .orElseThrow(() -> ProblemException.invalidField("category", "is not a known category"));
    }

    private void requireFreeSku(String sku, Long productId) {
        if (products.skuTaken(sku, productId)) {
            throw ProblemType.DUPLICATE_SKU.exception("Another product already has the SKU " + sku + ".");
        }
    }
}
