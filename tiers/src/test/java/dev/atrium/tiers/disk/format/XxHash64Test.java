package dev.atrium.tiers.disk.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XxHash64Test {

  private static long h(String s) {
    return XxHash64.hash(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void matchesReferenceVectorsForEveryLengthClass() {
    assertEquals(0xEF46DB3751D8E999L, h(""));
    assertEquals(0xD24EC4F1A98C6E5BL, h("a"));
    assertEquals(0x44BC2CF5AD770999L, h("abc"));
    assertEquals(0xD8316E61D84F6BA4L, h("1234"));
    assertEquals(0xD2D02F08CF7CFD4AL, h("12345678"));
    assertEquals(0xC377D78ADE001A3CL, h("123456789012345"));
    assertEquals(0xB61C33DC6C59F270L, h("1234567890123456"));
    assertEquals(0x8F367CB873A5376EL, h("1234567890123456789012345678901"));
    assertEquals(0x40FD1AA52D98274CL, h("12345678901234567890123456789012"));
    assertEquals(0x0B242D361FDA71BCL, h("The quick brown fox jumps over the lazy dog"));
  }

  @Test
  void matchesReferenceVectorsWithSeed() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] thirtyTwo = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xAF382146D5C3CACFL, XxHash64.hash(new byte[0], 0, 0, 5381));
    assertEquals(0x19D1C1B5C673451FL, XxHash64.hash(abc, 0, 3, 5381));
    assertEquals(0x38EA26E7C55F8095L, XxHash64.hash(thirtyTwo, 0, 32, 5381));
  }

  @Test
  void hashesTheGivenRangeOnly() {
    byte[] padded = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x44BC2CF5AD770999L, XxHash64.hash(padded, 2, 3, 0));
    assertNotEquals(XxHash64.hash(padded), XxHash64.hash(padded, 2, 3, 0));
  }
}
