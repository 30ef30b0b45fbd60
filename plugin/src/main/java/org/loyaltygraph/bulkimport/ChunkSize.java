package org.loyaltygraph.bulkimport;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The size of the chunks uploads are stored in: {@code chunk-size}, or less when the database's
 * {@code max_allowed_packet} could not carry a chunk. Connector/J writes a chunk's bytes into its
 * INSERT as hex, two characters a byte, so a chunk needs a packet of twice its size and room for
 * the statement. Read once at start; a warning says when the setting was cut. A packet too small
 * for even the smallest chunk ({@link #SMALLEST_PACKET}) stores nothing: the warning says so at
 * start, and every upload is refused with the same words until the database allows more.
 */
@Component
class ChunkSize {

  private static final Logger log = LoggerFactory.getLogger(ChunkSize.class);

  /** Room in a packet for the INSERT around the chunk's bytes. */
  static final long STATEMENT_ROOM = 64 * 1024;

  static final long SMALLEST = 1024;

  /** The smallest max_allowed_packet that carries a chunk: 67,584 B (66 KiB). */
  static final long SMALLEST_PACKET = packetFor(SMALLEST);

  private final int bytes;
  private final Optional<String> unusable;

  @Autowired
  ChunkSize(ImportProperties properties, JdbcClient jdbc) {
    this(
        properties.chunkSize().toBytes(),
        jdbc.sql("SELECT @@max_allowed_packet").query(Long.class).single());
  }

  ChunkSize(long configured, long maxAllowedPacket) {
    this.bytes = fitting(configured, maxAllowedPacket);
    this.unusable = tooSmall(maxAllowedPacket);
    if (unusable.isPresent()) {
      log.warn("{} Every import upload is refused until it is raised.", unusable.get());
    } else if (bytes < configured) {
      log.warn(
          "loyaltygraph.imports.chunk-size {} B needs a max_allowed_packet of {} B, and the database"
              + " allows {} B: uploads are stored in chunks of {} B. Raise max_allowed_packet or"
              + " lower chunk-size to silence this.",
          configured,
          packetFor(configured),
          maxAllowedPacket,
          bytes);
    }
  }

  /** The chunk to use: the configured one, or the largest a packet of that size carries. */
  static int fitting(long configured, long maxAllowedPacket) {
    long carried = (maxAllowedPacket - STATEMENT_ROOM) / 2;
    return (int) Math.max(SMALLEST, Math.min(configured, carried));
  }

  /** The packet an INSERT of a chunk of {@code chunk} bytes needs. */
  static long packetFor(long chunk) {
    return 2 * chunk + STATEMENT_ROOM;
  }

  /**
   * Why no chunk can be stored under {@code maxAllowedPacket}, with the value needed; empty when
   * the smallest chunk fits.
   */
  static Optional<String> tooSmall(long maxAllowedPacket) {
    if (maxAllowedPacket >= SMALLEST_PACKET) {
      return Optional.empty();
    }
    return Optional.of(
        "The database's max_allowed_packet is "
            + maxAllowedPacket
            + " B, too small to store an import file: it must be at least "
            + SMALLEST_PACKET
            + " B (66 KiB), and "
            + "twice loyaltygraph.imports.chunk-size plus 64 KiB to keep chunks of that size.");
  }

  int bytes() {
    return bytes;
  }

  /** Why uploads cannot be stored at all, or empty when they can. */
  Optional<String> unusable() {
    return unusable;
  }
}
