package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loyaltygraph.testing.TestDatabase;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/**
 * Uploads are cut into chunks that the database's max_allowed_packet can carry. The driver writes a
 * chunk's bytes as hex, so a chunk needs a packet of twice its size: checked here on the real
 * driver and database, with the driver's own packet limit standing in for a server set to 2 MiB.
 */
@ExtendWith(OutputCaptureExtension.class)
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
  void belowSixtySixKibibytesNoChunkFitsAndTheRefusalSaysWhatIsNeeded() {
    assertThat(ChunkSize.SMALLEST_PACKET).isEqualTo(67_584); // 1 KiB as hex, and the statement
    assertThat(ChunkSize.tooSmall(ChunkSize.SMALLEST_PACKET)).isEmpty();
    assertThat(ChunkSize.fitting(1024 * 1024, ChunkSize.SMALLEST_PACKET)).isEqualTo(1024);

    assertThat(ChunkSize.tooSmall(ChunkSize.SMALLEST_PACKET - 1))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("max_allowed_packet is 67583 B")
                    .contains("at least 67584 B"));
    assertThat(new ChunkSize(1024 * 1024, ChunkSize.SMALLEST_PACKET).unusable()).isEmpty();
    assertThat(new ChunkSize(1024 * 1024, 64 * 1024).unusable()).isPresent();
  }

  @Test
  void aPacketTooSmallIsWarnedOfAtStartAndEveryUploadIsRefusedUnread(CapturedOutput log)
      throws Exception {
    ChunkSize tooSmall = new ChunkSize(1024 * 1024, 64 * 1024);
    assertThat(log.getOut())
        .contains("WARN")
        .contains("max_allowed_packet is 65536 B, too small to store an import file")
        .contains("at least 67584 B");
    // nothing but the chunk size is at hand: storing anything, or reading the body, would fail
    ImportService imports =
        new ImportService(
            null,
            null,
            null,
            Clock.systemUTC(),
            new ImportProperties(
                DataSize.ofMegabytes(64),
                200,
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                false,
                5,
                DataSize.ofMegabytes(1),
                Duration.ofHours(1),
                Duration.ofMinutes(10)),
            tooSmall);
    InputStream unread =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }
        };

    ImportService.Submission refused =
        imports.submit(ImportKind.CUSTOMERS, ImportFormat.CSV, false, unread, null, "test");

    assertThat(refused.job()).isNull();
    assertThat(refused.code()).isEqualTo("MAX_ALLOWED_PACKET_TOO_SMALL");
    assertThat(refused.message()).contains("max_allowed_packet").doesNotContain("65536");
  }

  @Test
  void theSmallestChunkIsStoredUnderTheSmallestPacket() throws Exception {
    TestDatabase db = TestDatabase.get();
    try (Connection connection =
            DriverManager.getConnection(
                db.url() + "&maxAllowedPacket=" + ChunkSize.SMALLEST_PACKET,
                db.user(),
                db.password());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMPORARY TABLE chunk_probe (no INT PRIMARY KEY, content LONGBLOB)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO chunk_probe (no, content) VALUES (?, ?)")) {
        insert.setInt(1, 1);
        insert.setBytes(2, worstCase((int) ChunkSize.SMALLEST));
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
    }
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
