package dev.labelbench.scoring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-Java forward pass of a small all-F32 llama GGUF (the tinyclassifier), written for tests only: it gives the
 * real next-token distribution of the model file where no llama-server is available and the in-process binding must
 * not be asked for probabilities. Follows llama.cpp's llama graph: RMSNorm, rotary embeddings on adjacent pairs
 * (rope type "norm"), grouped-query attention, SwiGLU, untied output. Checked against llama.cpp's own greedy token by
 * the test that uses it.
 */
final class TinyLlamaReference {
    private final int dim;
    private final int layers;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int ffn;
    private final int vocab;
    private final float eps;
    private final float ropeBase;
    private final Map<String, float[]> tensors = new HashMap<>();

    TinyLlamaReference(Path gguf) throws IOException {
        ByteBuffer buf;
        try (FileChannel channel = FileChannel.open(gguf, StandardOpenOption.READ)) {
            buf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (buf.getInt() != 0x46554747) {
            throw new IOException(gguf + " is not a GGUF file");
        }
        buf.getInt(); // version
        long tensorCount = buf.getLong();
        long kvCount = buf.getLong();
        Map<String, Object> meta = new HashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string(buf);
            meta.put(key, value(buf, buf.getInt()));
        }
        String[] names = new String[(int) tensorCount];
        long[][] shapes = new long[(int) tensorCount][];
        long[] offsets = new long[(int) tensorCount];
        for (int t = 0; t < tensorCount; t++) {
            names[t] = string(buf);
            int dims = buf.getInt();
            shapes[t] = new long[dims];
            for (int d = 0; d < dims; d++) {
                shapes[t][d] = buf.getLong();
            }
            if (buf.getInt() != 0) {
                throw new IOException("tensor " + names[t] + " is not F32; this reference reads F32 models only");
            }
            offsets[t] = buf.getLong();
        }
        long alignment = ((Number) meta.getOrDefault("general.alignment", 32)).longValue();
        long dataStart = (buf.position() + alignment - 1) / alignment * alignment;
        for (int t = 0; t < tensorCount; t++) {
            long count = 1;
            for (long d : shapes[t]) {
                count *= d;
            }
            float[] data = new float[(int) count];
            buf.slice((int) (dataStart + offsets[t]), (int) count * 4).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            tensors.put(names[t], data);
        }
        dim = ((Number) meta.get("llama.embedding_length")).intValue();
        layers = ((Number) meta.get("llama.block_count")).intValue();
        heads = ((Number) meta.get("llama.attention.head_count")).intValue();
        kvHeads = ((Number) meta.getOrDefault("llama.attention.head_count_kv", heads)).intValue();
        ffn = ((Number) meta.get("llama.feed_forward_length")).intValue();
        eps = ((Number) meta.get("llama.attention.layer_norm_rms_epsilon")).floatValue();
        ropeBase = ((Number) meta.getOrDefault("llama.rope.freq_base", 10000f)).floatValue();
        headDim = dim / heads;
        vocab = tensors.get("token_embd.weight").length / dim;
    }

    /** The attention keys and values of a token sequence, so forced continuations cost only their own tokens. */
    final class Cache {
        private final float[][] keys;
        private final float[][] values;
        private final int length;
        private final float[] last;

        private Cache(float[][] keys, float[][] values, int length, float[] last) {
            this.keys = keys;
            this.values = values;
            this.length = length;
            this.last = last;
        }

        /** Log-probabilities (natural log, whole vocabulary) of the token after this sequence and {@code forced}. */
        double[] next(List<Integer> forced) {
            return logprobs(forced.isEmpty() ? last : extend(forced).last);
        }

        Cache extend(List<Integer> tokens) {
            int total = length + tokens.size();
            int kvDim = kvHeads * headDim;
            float[][] k = new float[layers][];
            float[][] v = new float[layers][];
            for (int l = 0; l < layers; l++) {
                k[l] = java.util.Arrays.copyOf(keys[l], total * kvDim);
                v[l] = java.util.Arrays.copyOf(values[l], total * kvDim);
            }
            float[] x = last;
            for (int i = 0; i < tokens.size(); i++) {
                x = step(tokens.get(i), length + i, k, v);
            }
            return new Cache(k, v, total, x);
        }
    }

    Cache prefill(List<Integer> tokens) {
        return new Cache(new float[layers][0], new float[layers][0], 0, null).extend(tokens);
    }

    /** Log-probabilities of the next token after {@code tokens} (natural log, full vocabulary). */
    double[] nextLogprobs(List<Integer> tokens) {
        return prefill(tokens).next(List.of());
    }

    /** Runs one token at {@code pos} through every layer, storing its keys and values; returns its hidden state. */
    private float[] step(int token, int pos, float[][] keys, float[][] values) {
        int kvDim = kvHeads * headDim;
        float[] x = new float[dim];
        System.arraycopy(tensors.get("token_embd.weight"), token * dim, x, 0, dim);
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            float[] h = rmsNorm(x, tensors.get(p + "attn_norm.weight"));
            float[] q = matmul(tensors.get(p + "attn_q.weight"), h, dim);
            float[] k = matmul(tensors.get(p + "attn_k.weight"), h, kvDim);
            float[] v = matmul(tensors.get(p + "attn_v.weight"), h, kvDim);
            rope(q, pos, heads);
            rope(k, pos, kvHeads);
            System.arraycopy(k, 0, keys[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, values[l], pos * kvDim, kvDim);
            float[] attended = new float[dim];
            for (int head = 0; head < heads; head++) {
                int kvHead = head / (heads / kvHeads);
                double[] scores = new double[pos + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t <= pos; t++) {
                    double s = 0;
                    for (int i = 0; i < headDim; i++) {
                        s += q[head * headDim + i] * keys[l][t * kvDim + kvHead * headDim + i];
                    }
                    scores[t] = s / Math.sqrt(headDim);
                    max = Math.max(max, scores[t]);
                }
                double sum = 0;
                for (int t = 0; t <= pos; t++) {
                    scores[t] = Math.exp(scores[t] - max);
                    sum += scores[t];
                }
                for (int t = 0; t <= pos; t++) {
                    for (int i = 0; i < headDim; i++) {
                        attended[head * headDim + i] += (float) (scores[t] / sum
                                * values[l][t * kvDim + kvHead * headDim + i]);
                    }
                }
            }
            float[] out = matmul(tensors.get(p + "attn_output.weight"), attended, dim);
            for (int i = 0; i < dim; i++) {
                x[i] += out[i];
            }
            h = rmsNorm(x, tensors.get(p + "ffn_norm.weight"));
            float[] gate = matmul(tensors.get(p + "ffn_gate.weight"), h, ffn);
            float[] up = matmul(tensors.get(p + "ffn_up.weight"), h, ffn);
            for (int i = 0; i < ffn; i++) {
                gate[i] = (float) (gate[i] / (1 + Math.exp(-gate[i]))) * up[i];
            }
            float[] down = matmul(tensors.get(p + "ffn_down.weight"), gate, dim);
            for (int i = 0; i < dim; i++) {
                x[i] += down[i];
            }
        }
        return x;
    }

    private double[] logprobs(float[] x) {
        float[] logits = matmul(tensors.get("output.weight"), rmsNorm(x, tensors.get("output_norm.weight")), vocab);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double logSum = max + Math.log(sum);
        double[] out = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            out[i] = logits[i] - logSum;
        }
        return out;
    }

    private float[] rmsNorm(float[] x, float[] weight) {
        double ss = 0;
        for (float v : x) {
            ss += v * v;
        }
        float scale = (float) (1 / Math.sqrt(ss / x.length + eps));
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * weight[i];
        }
        return out;
    }

    /** ggml stores a weight as ne0 = inputs (contiguous), ne1 = outputs: row o is output o's weights. */
    private static float[] matmul(float[] weight, float[] in, int outputs) {
        float[] out = new float[outputs];
        int inputs = in.length;
        for (int o = 0; o < outputs; o++) {
            double s = 0;
            int base = o * inputs;
            for (int i = 0; i < inputs; i++) {
                s += weight[base + i] * in[i];
            }
            out[o] = (float) s;
        }
        return out;
    }

    private void rope(float[] v, int pos, int count) {
        for (int head = 0; head < count; head++) {
            for (int i = 0; i < headDim; i += 2) {
                double theta = pos * Math.pow(ropeBase, -(double) i / headDim);
                double cos = Math.cos(theta);
                double sin = Math.sin(theta);
                int a = head * headDim + i;
                float x0 = v[a];
                float x1 = v[a + 1];
                v[a] = (float) (x0 * cos - x1 * sin);
                v[a + 1] = (float) (x0 * sin + x1 * cos);
            }
        }
    }

    private static String string(ByteBuffer buf) {
        byte[] bytes = new byte[(int) buf.getLong()];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer buf, int type) {
        switch (type) {
            case 0: case 1: return (int) buf.get();
            case 2: case 3: return (int) buf.getShort();
            case 4: case 5: return buf.getInt();
            case 6: return buf.getFloat();
            case 7: return buf.get() != 0;
            case 8: return string(buf);
            case 9: {
                int elementType = buf.getInt();
                long count = buf.getLong();
                for (long i = 0; i < count; i++) {
                    value(buf, elementType);
                }
                return null; // arrays (the tokenizer's vocabulary) are not needed here
            }
            case 10: case 11: return buf.getLong();
            case 12: return buf.getDouble();
            default: throw new IllegalArgumentException("unknown GGUF value type " + type);
        }
    }
}
