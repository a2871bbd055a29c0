package dev.labelbench.run;

import dev.labelbench.core.Reply;

/** What came back for one request: a reply, or the error message of a request that got none. */
record Outcome(Reply reply, String error) {
    static Outcome of(Reply reply) {
        return new Outcome(reply, null);
    }

    static Outcome failed(String error) {
        return new Outcome(null, error);
    }

    /** The same outcome for another example with the identical prompt: the reply marked as reused. */
    Outcome shared() {
        return reply == null ? this : new Outcome(reply.asCached(), null);
    }
}
