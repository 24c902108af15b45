package dev.shop.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;

@Entity
@Table(name = "product")
@EntityListeners(ProductChanges.class)
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String sku;
    private String name;
    private String description;
    private BigDecimal price;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "category_id")
    private Category category;
    private int stock;

    protected Product() {
    }

    public Product(ProductDetails details, Category category) {
        update(details, category);
    }

    public void update(ProductDetails details, Category newCategory) {
        this.sku = details.sku();
        this.name = details.name();
        this.description = details.description();
        this.price = details.price();
        this.stock = details.stock();
        this.category = newCategory;
    }

    public boolean hasInStock(int quantity) {
        return stock >= quantity;
    }

    void take(int quantity) {
        if (!hasInStock(quantity)) {
            throw new IllegalStateException("product " + id + " has " + stock + " in stock, not " + quantity);
        }
        stock -= quantity;
    }

    void putBack(int quantity) {
        stock += quantity;
    }

    ProductView view() {
        return new ProductView(id, sku, name, description, price, category.slug(), stock);
    }

    public Long id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public BigDecimal price() {
        return price;
    }

    public int stock() {
        return stock;
    }
}
