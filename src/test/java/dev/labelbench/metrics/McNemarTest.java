package dev.labelbench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class McNemarTest {
    /**
     * Fagerland, Lydersen and Laake, "The McNemar test for binary matched-pairs data: mid-p and asymptotic are better
     * than exact conditional", BMC Medical Research Methodology 13:91 (2013), Table 1 (Bentur et al.): discordant
     * pairs 1 and 7; exact conditional p-value = 2 * binomcdf(1, 8, 0.5) = 0.070 (exactly 18/256).
     */
    @Test
    void publishedExampleFromFagerlandEtAl() {
        assertEquals(18.0 / 256, McNemar.exactP(1, 7), 1e-15);
        assertEquals("0.070", String.format(java.util.Locale.ROOT, "%.3f", McNemar.exactP(7, 1)));
    }

    @Test
    void exactBinomialTailsByHand() {
        assertEquals(2.0 / 32, McNemar.exactP(0, 5), 1e-15);   // 2 * 0.5^5
        assertEquals(22.0 / 1024, McNemar.exactP(1, 9), 1e-15); // 2 * (1 + 10) / 2^10
        assertEquals(1.0, McNemar.exactP(4, 4), 0);             // a tie is capped at 1
        assertEquals(1.0, McNemar.exactP(0, 0), 0);             // nothing tells them apart
        assertEquals(McNemar.exactP(3, 12), McNemar.exactP(12, 3), 0);
    }

    @Test
    void largeCountsStayAccurate() {
        // 2 * P(X <= 400) for X ~ Bin(1000, 0.5), exactly 2 * sum(C(1000, i), i <= 400) / 2^1000 (Python fractions).
        assertEquals(2.7284641560660184e-10, McNemar.exactP(400, 600), 2.7284641560660184e-10 * 1e-12);
        assertEquals(7.85013964559367e-05, McNemar.exactP(30, 70), 7.85013964559367e-05 * 1e-12);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> McNemar.exactP(-1, 3));
    }

    /** Holm's worked example shape: sorted p-values multiplied by m, m-1, ..., made monotone. */
    @Test
    void holmAdjustsStepDownAndKeepsTheOrderGiven() {
        double[] adjusted = HolmCorrection.adjust(new double[]{0.04, 0.01, 0.03, 0.5});
        // sorted 0.01*4=0.04, 0.03*3=0.09, 0.04*2=0.08 -> 0.09 (monotone), 0.5*1=0.5
        assertArrayEquals(new double[]{0.09, 0.04, 0.09, 0.5}, adjusted, 1e-15);
        assertArrayEquals(new double[]{0.2}, HolmCorrection.adjust(new double[]{0.2}), 0);
        assertArrayEquals(new double[]{1.0, 1.0}, HolmCorrection.adjust(new double[]{0.6, 0.7}), 0);
    }
}
