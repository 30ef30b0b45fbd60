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
 * refused after at most the cap plus one byte, whatever its Content-Length said (or did not).
 */
final class ChunkWriter {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * What was stored.
   *
   * @param contentHash SHA-256 of the bytes after a leading byte order mark, in hex: the hash of
   *     the text, so the same file with or without a BOM is the same upload
   * @param tooLarge true when the body passed the cap (then the caller rolls back what was stored)
   */
  record Stored(String contentHash, long size, boolean tooLarge) {}

  private ChunkWriter() {}

  static Stored write(
      InputStream body, long jobId, ImportJobRepository jobs, int chunkSize, long maxBytes)
      throws IOException {
    MessageDigest sha256 = sha256();
    byte[] buffer = new byte[chunkSize];
    long size = 0;
    for (int chunkNo = 0; ; chunkNo++) {
      int wanted = (int) Math.min(chunkSize, maxBytes + 1 - size);
      int n = body.readNBytes(buffer, 0, wanted);
      size += n;
      if (size > maxBytes) {
        return new Stored(null, size, true);
      }
      if (n > 0) {
        int from =
            chunkNo == 0 && n >= BOM.length && Arrays.equals(buffer, 0, 3, BOM, 0, 3) ? 3 : 0;
        sha256.update(buffer, from, n - from);
        jobs.insertChunk(jobId, chunkNo, n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
      }
      if (n < wanted) {
        return new Stored(HexFormat.of().formatHex(sha256.digest()), size, false);
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
