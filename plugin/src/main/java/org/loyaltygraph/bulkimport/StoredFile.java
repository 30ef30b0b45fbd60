package org.loyaltygraph.bulkimport;

import java.io.InputStream;
import java.util.Optional;

/**
 * A job's stored file as a stream from its start, one chunk in memory at a time, each fetched when
 * the reader reaches it. Holds no connection between reads, so a worker may read it across its
 * batches' transactions, and the upload's check reads the chunks it committed one by one.
 */
final class StoredFile extends InputStream {

  private final ImportJobRepository jobs;
  private final long jobId;
  private int nextChunk;
  private byte[] chunk = new byte[0];
  private int pos;
  private boolean ended;

  StoredFile(ImportJobRepository jobs, long jobId) {
    this.jobs = jobs;
    this.jobId = jobId;
  }

  @Override
  public int read() {
    return fill() ? chunk[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, into, off, n);
    pos += n;
    return n;
  }

  /** True when a byte is ready, fetching the next chunk when this one is used up. */
  private boolean fill() {
    while (pos == chunk.length && !ended) {
      Optional<byte[]> next = jobs.chunk(jobId, nextChunk++);
      ended = next.isEmpty();
      chunk = next.orElse(chunk);
      pos = ended ? chunk.length : 0;
    }
    return pos < chunk.length;
  }
}
