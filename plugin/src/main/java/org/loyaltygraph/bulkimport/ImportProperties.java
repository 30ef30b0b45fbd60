package org.loyaltygraph.bulkimport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code loyaltygraph.imports.*}.
 *
 * @param maxFileSize the largest file {@code POST /imports} accepts (413 above it); the file is
 *     held in memory while a job runs
 * @param batchSize records applied between two commits of the job's progress
 * @param lease how long a worker holds a job without committing a batch before another instance may
 *     take it over
 * @param pollInterval how often each instance looks for a job to work on
 * @param workerEnabled false stops this instance from processing jobs (tests drive the worker)
 * @param maxAttempts leases in a row without a committed batch before the job is FAILED
 */
@ConfigurationProperties("loyaltygraph.imports")
record ImportProperties(
    @DefaultValue("64MB") DataSize maxFileSize,
    @DefaultValue("200") int batchSize,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("true") boolean workerEnabled,
    @DefaultValue("5") int maxAttempts) {}
