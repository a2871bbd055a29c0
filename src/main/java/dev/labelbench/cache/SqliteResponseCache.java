package dev.labelbench.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Reply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The response cache in one SQLite file, in WAL mode. Every write is one transaction, so a kill -9 mid-write leaves
 * the previous state (SQLite's journal rolls the half-written transaction back on the next open), never a partial
 * entry. Several labelbench processes may share the file: WAL lets readers run beside the one writer, and a busy
 * timeout makes a writer wait for another instead of failing. {@code synchronous=NORMAL} is durable against process
 * crashes (not against power loss, where at worst the last replies are asked again).
 *
 * <p>One connection, used under this object's lock: the cache is far faster than any model, and sqlite-jdbc
 * connections are not meant to be shared between threads unsynchronised.
 */
public final class SqliteResponseCache implements ResponseCache {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path file;
    private final Connection connection;
    private final PreparedStatement select;
    private final PreparedStatement upsert;

    private SqliteResponseCache(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.select = connection.prepareStatement("SELECT reply FROM replies WHERE key = ?");
        this.upsert = connection.prepareStatement(
                "INSERT INTO replies(key, model, reply, created) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(key) DO UPDATE SET reply = excluded.reply, created = excluded.created");
    }

    /** Opens (creating if needed) the cache database in {@code dir}. */
    public static SqliteResponseCache open(Path dir) {
        Path file = CacheLocation.file(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot create the cache directory " + dir + ": " + e.getMessage()
                    + " (choose another with --cache-dir DIR, or run with --no-cache)", e);
        }
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
                statement.execute("CREATE TABLE IF NOT EXISTS replies ("
                        + "key TEXT PRIMARY KEY, model TEXT NOT NULL, reply TEXT NOT NULL, created TEXT NOT NULL)");
            }
            return new SqliteResponseCache(file, connection);
        } catch (SQLException e) {
            throw LabelbenchException.input("cannot open the response cache " + file + ": " + e.getMessage()
                    + " (delete it with `labelbench cache clear`, choose another with --cache-dir DIR, or run with"
                    + " --no-cache)", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Reply> get(CacheKey key) {
        try {
            select.setString(1, key.hash());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(JSON.readValue(rows.getString(1), Reply.class));
            }
        } catch (SQLException | IOException e) {
            // A cache that cannot be read is a cache miss: the model is asked again, the run goes on.
            return Optional.empty();
        }
    }

    /** Stores a reply; the stored copy is never marked "cached" (the reader marks it). */
    @Override
    public synchronized void put(CacheKey key, Reply reply) {
        try {
            Reply fresh = new Reply(reply.text(), reply.thinking(), reply.finishReason(), reply.latencyMs(),
                    reply.promptTokens(), reply.completionTokens(), reply.loadMs(), reply.promptMs(),
                    reply.generationMs(), reply.logprobs(), null);
            upsert.setString(1, key.hash());
            upsert.setString(2, key.model());
            upsert.setString(3, JSON.writeValueAsString(fresh));
            upsert.setString(4, Instant.now().toString());
            upsert.executeUpdate();
        } catch (SQLException | IOException e) {
            throw LabelbenchException.input("cannot write to the response cache " + file + ": " + e.getMessage()
                    + " (run with --no-cache to go without it)", e);
        }
    }

    public synchronized CacheStats stats() {
        try (Statement statement = connection.createStatement()) {
            long total;
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM replies")) {
                rows.next();
                total = rows.getLong(1);
            }
            List<CacheStats.ModelCount> models = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT model, count(*), min(created), max(created) FROM replies GROUP BY model ORDER BY model")) {
                while (rows.next()) {
                    models.add(new CacheStats.ModelCount(rows.getString(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
            return new CacheStats(file, total, bytesOnDisk(), models);
        } catch (SQLException e) {
            throw LabelbenchException.input("cannot read the response cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every entry, or only one model's ({@code kind:name}); returns how many were deleted. */
    public synchronized long clear(String modelId) {
        try (PreparedStatement delete = connection.prepareStatement(
                modelId == null ? "DELETE FROM replies" : "DELETE FROM replies WHERE model = ?")) {
            if (modelId != null) {
                delete.setString(1, modelId);
            }
            long deleted = delete.executeUpdate();
            shrink();
            return deleted;
        } catch (SQLException e) {
            throw LabelbenchException.input("cannot clear the response cache " + file + ": " + e.getMessage()
                    + " (is another labelbench run using it?)", e);
        }
    }

    /** Gives the freed pages back to the file system; best effort (another process may be reading). */
    private void shrink() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            statement.execute("VACUUM");
        } catch (SQLException busy) {
            // the entries are deleted either way; the file shrinks on a later clear
        }
    }

    private long bytesOnDisk() {
        long bytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = Path.of(file + suffix);
            try {
                bytes += Files.exists(part) ? Files.size(part) : 0;
            } catch (IOException ignored) {
                // a file removed meanwhile counts as empty
            }
        }
        return bytes;
    }

    @Override
    public synchronized void close() {
        try {
            select.close();
            upsert.close();
            connection.close();
        } catch (SQLException e) {
            // closing is best effort: every committed entry is already on disk
        }
    }
}
