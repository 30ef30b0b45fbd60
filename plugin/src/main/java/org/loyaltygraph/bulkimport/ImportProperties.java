package org.loyaltygraph.bulkimport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code loyaltygraph.imports.*}.
 *
 * @param maxFileSize the largest file {@code POST /imports} accepts (413 above it), counted while
 *     the upload streams into the database
 * @param chunkSize the piece of a file stored per row and held in memory at a time, by the upload
 *     and by the worker; an INSERT of one needs a max_allowed_packet of twice its size and 64 KiB
 *     (the bytes go as hex), and {@link ChunkSize} cuts it to what the database allows
 * @param batchSize records applied between two commits of the job's progress
 * @param lease how long a worker holds a job without committing a batch before another instance may
 *     take it over
 * @param pollInterval how often each instance looks for a job to work on
 * @param workerEnabled false stops this instance from processing jobs (tests drive the worker)
 * @param maxAttempts leases in a row without a committed batch before the job is FAILED
 * @param uploadIdleTimeout how long an upload may go without storing a chunk before it counts as
 *     abandoned (its instance died, or its client stalled): its chunks are then deleted
 * @param uploadSweepInterval how often each instance with the worker enabled deletes abandoned
 *     uploads
 */
@ConfigurationProperties("loyaltygraph.imports")
record ImportProperties(
    @DefaultValue("64MB") DataSize maxFileSize,
    @DefaultValue("200") int batchSize,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("true") boolean workerEnabled,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("1MB") DataSize chunkSize,
    @DefaultValue("1h") Duration uploadIdleTimeout,
    @DefaultValue("10m") Duration uploadSweepInterval) {

  ImportProperties {
    if (chunkSize.toBytes() < 1024 || chunkSize.toBytes() > 4L * 1024 * 1024 - 64 * 1024) {
      throw new IllegalArgumentException("loyaltygraph.imports.chunk-size is 1KB to 4MB less 64KB");
    }
  }
}
