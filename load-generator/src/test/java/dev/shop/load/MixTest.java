package dev.shop.load;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixTest {

    @Test
    void readsTheDefault() {
        Mix mix = Mix.parse(Mix.DEFAULT);
        assertEquals(50, mix.weights().get(Action.BROWSE));
        assertEquals(1, mix.weights().get(Action.CANCEL));
        assertEquals(Mix.DEFAULT, mix.toString());
    }

    @Test
    void picksEachActionInProportionToItsWeight() {
        Mix mix = Mix.parse("browse=50, search=25 ,order=20,cancel=5");
        Map<Action, Integer> picked = new EnumMap<>(Action.class);
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            picked.merge(mix.pick((i + 0.5) / draws), 1, Integer::sum);
        }
        assertEquals(5_000, picked.get(Action.BROWSE));
        assertEquals(2_500, picked.get(Action.SEARCH));
        assertEquals(2_000, picked.get(Action.ORDER));
        assertEquals(500, picked.get(Action.CANCEL));
        assertEquals(null, picked.get(Action.PRODUCT), "an action left out is never picked");
        assertEquals(Action.BROWSE, mix.pick(0));
        assertEquals(Action.CANCEL, mix.pick(0.99999999));
    }

    @Test
    void zeroWeightsAreNeverPicked() {
        Mix mix = Mix.parse("browse=0,list=1");
        assertEquals(Action.LIST, mix.pick(0));
        assertEquals(Action.LIST, mix.pick(0.999));
        assertEquals("list=1", mix.toString());
    }

    @Test
    void explainsWhatIsWrong() {
        assertMessage("browse=5,shop=3", "unknown action 'shop' in the mix; the actions are browse, search, product, order, list, cancel, login");
        assertMessage("browse=-1", "the weight of 'browse' must be a whole number, 0 or more, not '-1'");
        assertMessage("browse=lots", "the weight of 'browse' must be a whole number, 0 or more, not 'lots'");
        assertMessage("browse50", "'browse50' is not action=weight");
        assertMessage("browse=1,browse=2", "the mix names 'browse' twice");
        assertMessage("browse=0,order=0", "the weights of the mix add up to 0");
        assertMessage(" ", "the mix is empty");
    }

    private static void assertMessage(String mix, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mix.parse(mix));
        assertTrue(e.getMessage().startsWith(expected), () -> "'" + e.getMessage() + "' should start with '" + expected + "'");
    }
}
