package cn.ruralcredit.loanfactory.decision.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain link and the seal MAC, against values computed independently of this code. */
class SealChainTest {
    private static final String RECORD = "aeade693c5d2281cbc3943f4303780ee3d9373872ac49c0ad39033832f3dcb46";
    private static final String KEY = "a test key of thirty-two characters!";

    private static SealChain.Seal seal(String mac) {
        // 2020-01-01T00:30+08:00 .. 2020-01-01T23:59:59.999+08:00
        return new SealChain.Seal(1, 1, 3, 3, 1577809800000L, 1577894399999L, SealChain.GENESIS, "ab".repeat(32), mac, "k1");
    }

    @Test
    void shouldLinkTheRawBytesOfPreviousSeqAndRecord() {
        // sha256(32 zero bytes ‖ 8-byte big-endian 1 ‖ the record hash's bytes)
        assertEquals("911a579bbeff3d111541be802385bf637addeede51472d80342fe146b78537f3", SealChain.link(SealChain.GENESIS, 1, RECORD));
        assertNotEquals(SealChain.link(SealChain.GENESIS, 1, RECORD), SealChain.link(SealChain.GENESIS, 2, RECORD));
    }

    @Test
    void shouldSignEverySealField() {
        SealChain chain = new SealChain(KEY);
        // HMAC-SHA256(key, "loanfactory.seal.v1|1|1|3|3|1577809800000|1577894399999|<64 zeros>|<abab…>")
        String mac = "5b4d8464424f4bfce2b8076f2d27b04add37ad358282a2b00afd7cc6868d5dcb";
        assertEquals(mac, chain.mac(seal(null)));
        assertTrue(chain.macMatches(seal(mac)));
        assertFalse(new SealChain(KEY + "x").macMatches(seal(mac)));
        SealChain.Seal s = seal(mac);
        assertFalse(chain.macMatches(new SealChain.Seal(1, 1, 3, 3, s.minDecidedAtMillis(), s.maxDecidedAtMillis() + 1,
                s.prevHead(), s.head(), mac, "k1")));
        assertFalse(chain.macMatches(new SealChain.Seal(1, 1, 3, 3, s.minDecidedAtMillis(), s.maxDecidedAtMillis(),
                s.prevHead(), "cd".repeat(32), mac, "k1")));
        assertFalse(chain.macMatches(seal(null)));
    }
}
