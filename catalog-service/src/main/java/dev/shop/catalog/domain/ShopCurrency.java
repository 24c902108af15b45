package dev.shop.catalog.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code shop.currency}: the one currency the shop sells in, an ISO 4217 code such as {@code EUR}.
 * Every price is in it; a product sent with another is refused. Checked at start (SettingsCheck).
 */
@ConfigMapping(prefix = "shop.currency")
public interface ShopCurrency {

    @WithParentName
    String code();
}
