package io.sluice.schema.types;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Writes binary column values per {@link BinaryHandlingMode}. */
final class BinaryEncoding {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BinaryEncoding() {
    }

    static SchemaBuilder schema(BinaryHandlingMode mode) {
        return mode == BinaryHandlingMode.BYTES ? SchemaBuilder.bytes() : SchemaBuilder.string();
    }

    static Object encode(byte[] bytes, BinaryHandlingMode mode) {
        switch (mode) {
            case BASE64:
                return Base64.getEncoder().encodeToString(bytes);
            case HEX:
                return hex(bytes);
            case BYTES:
            default:
                return bytes;
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    static byte[] bytesOf(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        throw new IllegalArgumentException("expected byte[] or ByteBuffer");
    }

    static boolean isBytesSchema(Schema schema) {
        return schema.type() == Schema.Type.BYTES;
    }
}
