package dev.shop.catalog.domain;

import dev.shop.common.settings.SettingChecks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** catalog-service's settings that have bounds, checked when it starts (SettingChecks says why not Bean Validation). */
@ApplicationScoped
class SettingsCheck {

    void onStart(@Observes StartupEvent event, ShopCurrency currency) {
        check(currency);
    }

    static void check(ShopCurrency currency) {
        SettingChecks.matches("shop.currency", currency.code(), "[A-Z]{3}", "an ISO 4217 code of three capital letters");
    }
}
