package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.TestDatabase;

/**
 * Uploads are cut into chunks that the database's max_allowed_packet can carry. The driver writes a
 * chunk's bytes as hex, so a chunk needs a packet of twice its size: checked here on the real
 * driver and database, with the driver's own packet limit standing in for a server set to 2 MiB.
 */
class ChunkSizeTest {

  private static final long TWO_MIB = 2L * 1024 * 1024;

  @Test
  void theConfiguredChunkIsKeptWhenThePacketCarriesIt() {
    assertThat(ChunkSize.fitting(1024 * 1024, 16L * 1024 * 1024)).isEqualTo(1024 * 1024);
    assertThat(ChunkSize.fitting(4096, 4096 * 2 + ChunkSize.STATEMENT_ROOM)).isEqualTo(4096);
  }

  @Test
  void aSmallerPacketCutsTheChunkToHalfOfWhatRemainsAfterTheStatement() {
    assertThat(ChunkSize.fitting(1024 * 1024, TWO_MIB)).isEqualTo(992 * 1024);
    assertThat(ChunkSize.fitting(4096, 4096 * 2 + ChunkSize.STATEMENT_ROOM - 2)).isEqualTo(4095);
    assertThat(ChunkSize.fitting(1024 * 1024, 1024)).isEqualTo(1024); // never below 1 KiB
  }

  @Test
  void aChunkOfTheCutSizeIsStoredAndOneOfHalfThePacketIsNot() throws Exception {
    TestDatabase db = TestDatabase.get();
    int cut = ChunkSize.fitting(1024 * 1024, TWO_MIB);
    try (Connection connection =
            DriverManager.getConnection(
                db.url() + "&maxAllowedPacket=" + TWO_MIB, db.user(), db.password());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMPORARY TABLE chunk_probe (no INT PRIMARY KEY, content LONGBLOB)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO chunk_probe (no, content) VALUES (?, ?)")) {
        insert.setInt(1, 1);
        insert.setBytes(2, worstCase(cut));
        assertThat(insert.executeUpdate()).isEqualTo(1);

        insert.setInt(1, 2);
        insert.setBytes(2, worstCase((int) (TWO_MIB / 2)));
        assertThatThrownBy(insert::executeUpdate).isInstanceOf(PacketTooBigException.class);
      }
    }
  }

  /** Bytes that the driver must escape whichever way it writes them. */
  private static byte[] worstCase(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) '"');
    return bytes;
  }
}
