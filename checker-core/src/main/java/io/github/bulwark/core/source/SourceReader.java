package io.github.bulwark.core.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes source bytes. A byte-order mark wins over the configured charset (UTF-8, UTF-16 LE/BE,
 * UTF-32 LE/BE);
 * otherwise the configured charset is used strictly, and text that is not valid in it is decoded
 * with replacement characters and a warning naming the first bad offset, never dropped.
 */
public final class SourceReader {

  private final Charset charset;

  public SourceReader(Charset charset) {
    this.charset = charset;
  }

  public SourceText decode(byte[] bytes) {
    Charset bomCharset = null;
    int skip = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      bomCharset = StandardCharsets.UTF_8;
      skip = 3;
    } else if (bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 0
        && (bytes[2] & 0xFF) == 0xFE && (bytes[3] & 0xFF) == 0xFF) {
      bomCharset = Charset.forName("UTF-32BE");
      skip = 4;
    } else if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
        && bytes[2] == 0 && bytes[3] == 0) {
      // Checked before UTF-16LE, whose mark is this one's first half.
      bomCharset = Charset.forName("UTF-32LE");
      skip = 4;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      bomCharset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      bomCharset = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    Charset used = bomCharset != null ? bomCharset : charset;
    ByteBuffer input = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharsetDecoder strict = used.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = strict.decode(input);
      Optional<String> warning = bomCharset != null && !bomCharset.equals(charset)
          ? Optional.of("byte-order mark says " + bomCharset.name() + "; read as "
              + bomCharset.name() + " instead of the configured " + charset.name())
          : Optional.empty();
      return new SourceText(chars.toString(), used.name(), warning);
    } catch (CharacterCodingException e) {
      int badOffset = firstBadOffset(bytes, skip, used);
      String text = new String(bytes, skip, bytes.length - skip, used);
      return new SourceText(text, used.name(), Optional.of("not valid " + used.name()
          + " at byte " + badOffset + "; read with replacement characters"
          + " (set the encoding option to the file's real encoding)"));
    }
  }

  private static int firstBadOffset(byte[] bytes, int skip, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer output = CharBuffer.allocate(Math.max(16, bytes.length * 2));
    decoder.decode(input, output, true);
    return input.position();
  }
}
