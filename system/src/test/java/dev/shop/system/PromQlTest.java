package dev.shop.system;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromQlTest {

    @Test
    void comparisonsOutsideMatchersGetBool() {
        assertEquals("up{service!=\"\"} == bool 0", ObservabilityIT.PromQl.withBoolComparisons("up{service!=\"\"} == 0"));
        assertEquals("(a > bool (14.4 * 0.001)) and (b >= bool 1) or c != bool 2 or d < bool 1 or e <= bool 3",
                ObservabilityIT.PromQl.withBoolComparisons("(a > (14.4 * 0.001)) and (b >= 1) or c != 2 or d < 1 or e <= 3"));
    }

    @Test
    void matchersStringsAndExistingBoolsAreLeftAlone() {
        String untouched = "sum(rate(x{le=~\"1(\\\\.0)?\", status!~\"4..\", a=\"b>c\"}[5m]))";
        assertEquals(untouched, ObservabilityIT.PromQl.withBoolComparisons(untouched));
        assertEquals("a > bool 1", ObservabilityIT.PromQl.withBoolComparisons("a > bool 1"));
    }

    @Test
    void grafanaVariablesAreFilledInAsAll() {
        assertEquals("rate(x{service=~\".*\", instance=~\".*\"}[1m])",
                ObservabilityIT.PromQl.asGrafanaSendsIt("rate(x{service=~\"$service\", instance=~\"${instance}\"}[$__rate_interval])"));
    }
}
