package dev.labelbench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExactMcNemarTest {
    /**
     * The exact test is a two-sided binomial test of b successes in b + c trials at 0.5, so small cases have closed
     * forms: 1 vs 9 gives 2 * (1 + 10) / 2^10; 0 vs 5 gives 2 / 2^5. statsmodels'
     * {@code mcnemar([[a, 1], [9, d]], exact=True).pvalue} is 0.021484375 as well.
     */
    @Test
    void matchesTheBinomialClosedForms() {
        assertEquals(22.0 / 1024, ExactMcNemar.p(1, 9), 1e-12);
        assertEquals(22.0 / 1024, ExactMcNemar.p(9, 1), 1e-12);
        assertEquals(2.0 / 32, ExactMcNemar.p(0, 5), 1e-12);
        assertEquals(1.0, ExactMcNemar.p(3, 3), 1e-12);
        assertEquals(1.0, ExactMcNemar.p(0, 0), 1e-12);
    }

    @Test
    void holmStepsDownAndStaysMonotone() {
        // Sorted p 0.01, 0.02, 0.04 -> 0.03, 0.04, 0.04 (the last capped by the running maximum).
        assertArrayEquals(new double[] {0.04, 0.03, 0.04}, ExactMcNemar.holm(new double[] {0.02, 0.01, 0.04}), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, ExactMcNemar.holm(new double[] {0.6, 0.9}), 1e-12);
    }
}
