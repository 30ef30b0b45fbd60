package org.loyaltygraph.bulkimport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The size of the chunks uploads are stored in: {@code chunk-size}, or less when the database's
 * {@code max_allowed_packet} could not carry a chunk. Connector/J writes a chunk's bytes into its
 * INSERT as hex, two characters a byte, so a chunk needs a packet of twice its size and room for
 * the statement. Read once at start; a warning says when the setting was cut.
 */
@Component
class ChunkSize {

  private static final Logger log = LoggerFactory.getLogger(ChunkSize.class);

  /** Room in a packet for the INSERT around the chunk's bytes. */
  static final long STATEMENT_ROOM = 64 * 1024;

  static final long SMALLEST = 1024;

  private final int bytes;

  ChunkSize(ImportProperties properties, JdbcClient jdbc) {
    long configured = properties.chunkSize().toBytes();
    long maxAllowedPacket = jdbc.sql("SELECT @@max_allowed_packet").query(Long.class).single();
    this.bytes = fitting(configured, maxAllowedPacket);
    if (bytes < configured) {
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

  int bytes() {
    return bytes;
  }
}
