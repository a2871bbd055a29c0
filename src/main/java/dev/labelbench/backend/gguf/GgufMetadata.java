package dev.labelbench.backend.gguf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key/value header of a GGUF file, read in Java before the file is handed to llama.cpp: it tells whether the file
 * is GGUF at all, which architecture it is (so an architecture the bundled llama.cpp cannot load gets a clear message)
 * and whether it carries a chat template. Only scalar and string values are kept; arrays (the vocabulary) are skipped.
 */
public record GgufMetadata(int version, Map<String, Object> values) {
    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian

    public String architecture() {
        Object arch = values.get("general.architecture");
        return arch == null ? "unknown" : arch.toString();
    }

    public String name() {
        Object name = values.get("general.name");
        return name == null ? null : name.toString();
    }

    /** The Jinja chat template in the file, or null when it has none. */
    public String chatTemplate() {
        Object template = values.get("tokenizer.chat_template");
        return template == null || template.toString().isBlank() ? null : template.toString();
    }

    /** The context length the model was trained with, or null when the file does not say. */
    public Long contextLength() {
        Object length = values.get(architecture() + ".context_length");
        return length instanceof Number n ? n.longValue() : null;
    }

    /** Reads the header; throws IOException with a readable message when the file is not GGUF v2/v3. */
    public static GgufMetadata read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             LittleEndian in = new LittleEndian(new BufferedInputStream(raw, 1 << 16))) {
            int magic;
            try {
                magic = in.int32();
            } catch (EOFException e) {
                throw new IOException("the file is empty or too short to be a GGUF model");
            }
            if (magic != MAGIC) {
                throw new IOException("not a GGUF file (it does not start with the bytes 'GGUF')");
            }
            int version = in.int32();
            if (version < 2 || version > 3) {
                throw new IOException("GGUF version " + version + " is not supported (only versions 2 and 3)");
            }
            in.int64(); // tensor count
            long count = in.int64();
            Map<String, Object> values = new LinkedHashMap<>();
            for (long i = 0; i < count; i++) {
                String key = in.string();
                int type = in.int32();
                Object value = in.value(type);
                if (value != null) {
                    values.put(key, value);
                }
            }
            return new GgufMetadata(version, values);
        } catch (EOFException e) {
            throw new IOException("the GGUF header is truncated");
        }
    }

    /** GGUF is little-endian; DataInputStream reads big-endian, so bytes are swapped here. */
    private static final class LittleEndian implements AutoCloseable {
        private static final long MAX_STRING = 64L << 20;
        private final DataInputStream in;

        LittleEndian(InputStream in) {
            this.in = new DataInputStream(in);
        }

        int int32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long int64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        String string() throws IOException {
            long length = int64();
            if (length < 0 || length > MAX_STRING) {
                throw new IOException("the GGUF header is corrupt (a string of " + length + " bytes)");
            }
            return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        }

        /** Reads one value of a GGUF type; arrays are skipped and give null. */
        Object value(int type) throws IOException {
            return switch (type) {
                case 0 -> (long) in.readUnsignedByte();
                case 1 -> (long) in.readByte();
                case 2 -> (long) Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                case 3 -> (long) Short.reverseBytes(in.readShort());
                case 4 -> Integer.toUnsignedLong(int32());
                case 5 -> (long) int32();
                case 6 -> (double) Float.intBitsToFloat(int32());
                case 7 -> in.readUnsignedByte() != 0;
                case 8 -> string();
                case 9 -> skipArray();
                case 10, 11 -> int64();
                case 12 -> Double.longBitsToDouble(int64());
                default -> throw new IOException("the GGUF header is corrupt (unknown value type " + type + ")");
            };
        }

        private Object skipArray() throws IOException {
            int itemType = int32();
            long count = int64();
            int size = switch (itemType) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 10, 11, 12 -> 8;
                default -> 0;
            };
            if (size > 0) {
                in.skipNBytes(count * size);
            } else {
                for (long i = 0; i < count; i++) {
                    value(itemType);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
