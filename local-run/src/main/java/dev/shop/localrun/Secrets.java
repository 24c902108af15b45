package dev.shop.localrun;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords and secrets made up for one run. */
final class Secrets {

    private Secrets() {
    }

    static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
