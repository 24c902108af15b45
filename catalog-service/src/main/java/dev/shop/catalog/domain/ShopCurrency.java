package dev.shop.catalog.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import jakarta.validation.constraints.Pattern;

/**
 * {@code shop.currency}: the one currency the shop sells in, an ISO 4217 code such as {@code EUR}.
 * Every price is in it; a product sent with another is refused.
 */
@ConfigMapping(prefix = "shop.currency")
public interface ShopCurrency {

    @WithParentName
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code of three capital letters")
    String code();
}
