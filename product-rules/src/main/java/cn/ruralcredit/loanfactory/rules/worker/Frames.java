package cn.ruralcredit.loanfactory.rules.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/** The wire between the service and a rule worker: JSON messages, each framed by its length. */
final class Frames {
    /** Far above any rule set or decision (a rule set is at most a few hundred KiB of DRL). */
    static final int MAX_FRAME = 16 * 1024 * 1024;
    /** Decimals cross exactly as written (5.20 stays 5.20), as the decision API keeps them. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private Frames() {
    }

    static void write(DataOutputStream out, JsonNode message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** The next message, or null at the end of the stream. */
    static JsonNode read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) throw new IOException("frame of " + length + " bytes refused");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readTree(bytes);
    }
}
