package dev.labelbench.metrics;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Exact binomial variates from Commons RNG uniforms (Commons RNG has no general binomial sampler; Commons Math's
 * inverts the CDF, far too slow for a million draws). Two textbook algorithms, as PyTorch and TensorFlow use them:
 * for a small mean, counting geometric waiting times (Devroye, Non-Uniform Random Variate Generation, 1986, X.4.3);
 * for a mean of 10 or more, Hörmann's transformed rejection with squeeze, BTRS ("The generation of binomial random
 * variates", J. Statist. Comput. Simul. 46, 1993), accepting against the exact log-probability ratio.
 */
final class BinomialSampler {
    private static final double BTRS_MIN_MEAN = 10;

    private BinomialSampler() {
    }

    /** A draw from Binomial(trials, p). */
    static int sample(UniformRandomProvider rng, int trials, double p) {
        if (trials <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return trials;
        }
        if (p > 0.5) {
            return trials - sample(rng, trials, 1 - p);
        }
        return trials * p < BTRS_MIN_MEAN ? waitingTimes(rng, trials, p) : btrs(rng, trials, p);
    }

    /** Successes are the geometric waiting times that fit in {@code trials}. */
    private static int waitingTimes(UniformRandomProvider rng, int trials, double p) {
        double logQ = Math.log1p(-p);
        double used = 0;
        int successes = 0;
        while (true) {
            used += Math.ceil(Math.log(rng.nextDouble()) / logQ);
            if (used > trials) {
                return successes;
            }
            successes++;
        }
    }

    private static int btrs(UniformRandomProvider rng, int n, double p) {
        double spq = Math.sqrt(n * p * (1 - p));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double logOdds = Math.log(p / (1 - p));
        int mode = (int) Math.floor((n + 1) * p);
        double logModeTerm = Double.NaN; // computed on the first draw outside the squeeze; most draws never need it
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return (int) k; // inside the squeeze: accepted without evaluating the probability
            }
            double logV = Math.log(v * alpha / (a / (us * us) + b));
            if (Double.isNaN(logModeTerm)) {
                logModeTerm = Gamma.logGamma(mode + 1.0) + Gamma.logGamma(n - mode + 1.0);
            }
            // log(P(k) / P(mode)) for Binomial(n, p)
            double logRatio = logModeTerm - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0) + (k - mode) * logOdds;
            if (logV <= logRatio) {
                return (int) k;
            }
        }
    }
}
