package dev.labelbench.report;

import dev.labelbench.core.CellKey;
import dev.labelbench.core.Interval;
import dev.labelbench.core.PairwiseComparison;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderboardTest {
    private static final CellKey QWEN_FEW = new CellKey("ollama:qwen2.5:0.5b", "few-shot");
    private static final CellKey QWEN_ZERO = new CellKey("ollama:qwen2.5:0.5b", "zero-shot");
    private static final CellKey LLAMA_FEW = new CellKey("ollama:llama3.2:1b", "few-shot");

    @Test
    void withoutComparisonsTheReportTestsEachCellAgainstTheBest() {
        Leaderboard board = Leaderboard.of(SmallRun.create());
        assertEquals(QWEN_FEW, board.rows().get(0).cell());
        assertEquals(Leaderboard.Standing.BEST, board.rows().get(0).standing());
        assertNull(board.rows().get(0).pVersusBest());
        // Six examples cannot make any difference significant: every other cell is tied with the best.
        for (Leaderboard.Row row : board.rows().subList(1, board.rows().size())) {
            assertEquals(Leaderboard.Standing.TIED, row.standing(), row.cell().toString());
        }
        assertTrue(board.significanceSource().contains("Holm-adjusted over 3 comparisons"));
    }

    @Test
    void theRunsOwnComparisonsDecideTiesWhenPresent() {
        RunData small = SmallRun.create();
        List<PairwiseComparison> comparisons = List.of(
                new PairwiseComparison(QWEN_ZERO, QWEN_FEW, 6, 0, 2, 0.5, 0.5, 0.2, new Interval(0, 0.4, 0.95, 1000), false),
                new PairwiseComparison(QWEN_FEW, LLAMA_FEW, 6, 2, 0, 0.5, 0.01, -0.3, new Interval(-0.5, -0.1, 0.95, 1000), true));
        Leaderboard board = Leaderboard.of(new RunData(small.info(), small.predictions(), small.metrics(), comparisons));
        assertEquals(Leaderboard.Standing.TIED, standing(board, QWEN_ZERO));
        assertEquals(Leaderboard.Standing.BELOW, standing(board, LLAMA_FEW));
        assertEquals(Leaderboard.Standing.UNTESTED, standing(board, new CellKey("ollama:llama3.2:1b", "zero-shot")));
        assertEquals(0.01, board.rows().stream().filter(r -> r.cell().equals(LLAMA_FEW)).findFirst().orElseThrow().pVersusBest());
    }

    @Test
    void aLargeGapOnManyExamplesIsNotATie() {
        Leaderboard board = Leaderboard.of(SyntheticRun.generate(3, 1, 600, 11));
        // model-0 is right ~90%, model-2 ~74%: over 600 examples that is far beyond chance.
        assertEquals("ollama:model-0", board.rows().get(0).cell().model());
        assertEquals(Leaderboard.Standing.BELOW, board.rows().get(2).standing());
        assertTrue(board.rows().get(2).pVersusBest() < 1e-6);
    }

    private static Leaderboard.Standing standing(Leaderboard board, CellKey cell) {
        return board.rows().stream().filter(r -> r.cell().equals(cell)).findFirst().orElseThrow().standing();
    }
}
