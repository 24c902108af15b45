package dev.shop.catalog.api;

import dev.shop.catalog.domain.ProductDetails;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A product as an administrator creates or replaces it. {@code currency} may be left out. */
public record ProductRequest(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,63}", message = "must be 3 to 64 capital letters, digits or dashes")
        String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 2000) String description,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotBlank String category,
        @NotNull @Min(0) @Max(1_000_000) Integer stock) {

    ProductDetails toDetails() {
        return new ProductDetails(sku, name.strip(), description.strip(), price.setScale(2), category, stock);
    }
}
