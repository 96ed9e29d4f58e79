package org.tta.safety.classify.linear;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.tta.safety.classify.Category;

/**
 * The weights file ({@code model/linear.bin}): a small binary format written by the trainer (test sources,
 * {@code LinearModelTraining}) and read and validated at start-up. Big-endian: magic {@code TTA-LINEAR}, format 1,
 * the feature recipe, the header ({@link LinearModel.Header}), the category names, the biases, then one row per
 * bucket seen in training (bucket as a varint delta from the previous one, then 1 + categories weights as IEEE
 * half-precision floats). Anything else (another recipe, an unknown or non-escalating category, a bucket out of
 * range or out of order, a weight not finite, a threshold outside (0, 1), bytes left over) is refused.
 */
public final class LinearModelFile {

    static final String MAGIC = "TTA-LINEAR";
    static final int FORMAT = 1;

    private LinearModelFile() {
    }

    /** Loads and validates the weights; a bad file fails with an {@link InvalidModelFileException}. */
    public static LinearModel load(Resource resource, String location) {
        if (!resource.exists()) {
            throw new InvalidModelFileException(location, "not found");
        }
        try (InputStream in = resource.getInputStream()) {
            return read(in.readAllBytes(), location);
        } catch (IOException e) {
            throw new InvalidModelFileException(location, "unreadable: " + e.getMessage());
        }
    }

    public static LinearModel read(byte[] bytes, String location) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            require(MAGIC.equals(in.readUTF()), location, "not a weights file (magic)");
            int format = in.readInt();
            require(format == FORMAT, location, "format " + format + ", this worker reads " + FORMAT);
            String recipe = in.readUTF();
            require(TextFeatures.RECIPE.equals(recipe), location,
                    "made for features '" + recipe + "', this worker computes '" + TextFeatures.RECIPE + "'");
            LinearModel.Header header = new LinearModel.Header(in.readUTF(), in.readUTF(), in.readInt(), in.readFloat(),
                    in.readFloat(), in.readFloat(), in.readFloat());
            require(header.threshold() > 0f && header.threshold() < 1f, location, "threshold " + header.threshold()
                    + " outside (0, 1)");
            int k = in.readInt();
            require(k >= 1 && k <= Category.values().length, location, "category count " + k);
            List<Category> categories = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                String name = in.readUTF();
                Category category = parseCategory(name, location);
                require(!categories.contains(category), location, "category '" + name + "' twice");
                categories.add(category);
            }
            float escalationBias = finite(in.readFloat(), location);
            float[] categoryBias = new float[k];
            for (int c = 0; c < k; c++) {
                categoryBias[c] = finite(in.readFloat(), location);
            }
            int n = in.readInt();
            require(n >= 0 && n <= TextFeatures.DIMENSION, location, "row count " + n);
            int[] buckets = new int[n];
            float[][] rows = new float[n][k + 1];
            int bucket = -1;
            for (int r = 0; r < n; r++) {
                int delta = readVarint(in);
                require(delta >= 1, location, "bucket of row " + r + " out of order");
                bucket += delta;
                require(bucket < TextFeatures.DIMENSION, location, "bucket " + bucket + " out of range");
                buckets[r] = bucket;
                for (int j = 0; j <= k; j++) {
                    rows[r][j] = finite(Float.float16ToFloat(in.readShort()), location);
                }
            }
            require(in.read() == -1, location, "bytes after the last row");
            return new LinearModel(header, categories, escalationBias, categoryBias, buckets, rows);
        } catch (EOFException e) {
            throw new InvalidModelFileException(location, "truncated");
        } catch (IOException e) {
            throw new InvalidModelFileException(location, "unreadable: " + e.getMessage());
        }
    }

    /** The file's bytes; the weights are rounded to half precision, so a written model reads back as written. */
    public static byte[] write(LinearModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(TextFeatures.RECIPE);
            LinearModel.Header h = model.header();
            out.writeUTF(h.version());
            out.writeUTF(h.dataSha256());
            out.writeInt(h.examples());
            out.writeFloat(h.threshold());
            out.writeFloat(h.precisionTarget());
            out.writeFloat(h.cvPrecision());
            out.writeFloat(h.cvRecall());
            out.writeInt(model.categories().size());
            for (Category c : model.categories()) {
                out.writeUTF(c.wireName());
            }
            out.writeFloat(model.escalationBias());
            for (float b : model.categoryBias()) {
                out.writeFloat(b);
            }
            out.writeInt(model.buckets().length);
            int previous = -1;
            for (int r = 0; r < model.buckets().length; r++) {
                writeVarint(out, model.buckets()[r] - previous);
                previous = model.buckets()[r];
                for (float w : model.rows()[r]) {
                    out.writeShort(Float.floatToFloat16(w));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Category parseCategory(String name, String location) {
        for (Category c : Category.values()) {
            if (c.wireName().equals(name)) {
                require(c != Category.NONE && c != Category.OTHER_POLICY && c != Category.THIRD_PARTY_CONCERN, location,
                        "category '" + name + "' does not escalate");
                return c;
            }
        }
        throw new InvalidModelFileException(location, "unknown category '" + name + "'");
    }

    private static float finite(float f, String location) {
        require(Float.isFinite(f), location, "a weight is not finite");
        return f;
    }

    private static void require(boolean condition, String location, String problem) {
        if (!condition) {
            throw new InvalidModelFileException(location, problem);
        }
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint too long");
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }
}
