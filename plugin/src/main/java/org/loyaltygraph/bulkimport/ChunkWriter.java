package org.loyaltygraph.bulkimport;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Streams an upload into its job's chunks as it arrives, holding one chunk in memory, and hashes it
 * on the way. It stops reading as soon as the body passes the size cap, so an oversized upload is
 * refused after at most the cap plus one byte, whatever its Content-Length said (or did not). The
 * body is read with no database work under way: only {@link Sink#store} touches the database.
 */
final class ChunkWriter {

  /** Where each chunk goes as soon as it is read. */
  @FunctionalInterface
  interface Sink {

    /** Stores a chunk; false when the upload was given up meanwhile (swept as abandoned). */
    boolean store(int chunkNo, byte[] content);
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * What was stored.
   *
   * @param contentHash SHA-256 of the bytes after a leading byte order mark, in hex: the hash of
   *     the text, so the same file with or without a BOM is the same upload
   * @param tooLarge true when the body passed the cap (then the caller discards what was stored)
   * @param expired true when the sink refused a chunk: the upload was swept as abandoned
   */
  record Stored(String contentHash, long size, boolean tooLarge, boolean expired) {}

  private ChunkWriter() {}

  static Stored write(InputStream body, Sink sink, int chunkSize, long maxBytes)
      throws IOException {
    MessageDigest sha256 = sha256();
    byte[] buffer = new byte[chunkSize];
    long size = 0;
    for (int chunkNo = 0; ; chunkNo++) {
      int wanted = (int) Math.min(chunkSize, maxBytes + 1 - size);
      int n = body.readNBytes(buffer, 0, wanted);
      size += n;
      if (size > maxBytes) {
        return new Stored(null, size, true, false);
      }
      if (n > 0) {
        int from =
            chunkNo == 0 && n >= BOM.length && Arrays.equals(buffer, 0, 3, BOM, 0, 3) ? 3 : 0;
        sha256.update(buffer, from, n - from);
        if (!sink.store(chunkNo, n == buffer.length ? buffer : Arrays.copyOf(buffer, n))) {
          return new Stored(null, size, false, true);
        }
      }
      if (n < wanted) {
        return new Stored(HexFormat.of().formatHex(sha256.digest()), size, false, false);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
