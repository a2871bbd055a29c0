package dev.labelbench.core;

/** Precision, recall, F1 and support of one label. */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
}
