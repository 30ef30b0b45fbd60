package org.loyaltygraph.bulkimport;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.schema.DgsConstants;
import org.loyaltygraph.schema.types.ImportErrorCode;
import org.loyaltygraph.schema.types.ImportJobCancelInput;
import org.loyaltygraph.schema.types.ImportJobCancelPayload;
import org.loyaltygraph.schema.types.ImportJobConnection;
import org.loyaltygraph.schema.types.ImportJobEdge;
import org.loyaltygraph.schema.types.ImportRowErrorConnection;
import org.loyaltygraph.schema.types.ImportRowErrorEdge;
import org.loyaltygraph.schema.types.ImportUserError;

/** {@code importJob}, {@code importJobs}, {@code ImportJob.errors} and {@code importJobCancel}. */
@DgsComponent
class ImportDataFetcher {

  private final ImportService imports;

  ImportDataFetcher(ImportService imports) {
    this.imports = imports;
  }

  @DgsQuery
  org.loyaltygraph.schema.types.ImportJob importJob(@InputArgument String id) {
    return imports.find(id).map(ImportDataFetcher::job).orElse(null);
  }

  @DgsQuery
  ImportJobConnection importJobs(DataFetchingEnvironment env) {
    Pagination.PageRequest request = Pagination.request(env);
    Pagination.Page<ImportJob> page =
        request.toPage(imports.page(request.after(), request.fetchSize()), ImportJob::id);
    return ImportJobConnection.newBuilder()
        .edges(
            page.edges().stream()
                .map(e -> ImportJobEdge.newBuilder().cursor(e.cursor()).node(job(e.node())).build())
                .toList())
        .pageInfo(page.pageInfo())
        .build();
  }

  @DgsData(parentType = DgsConstants.IMPORTJOB.TYPE_NAME, field = DgsConstants.IMPORTJOB.Errors)
  ImportRowErrorConnection errors(DataFetchingEnvironment env) {
    org.loyaltygraph.schema.types.ImportJob job = env.getSource();
    Pagination.PageRequest request = Pagination.request(env);
    Pagination.Page<RowError> page =
        request.toPage(
            imports.errors(Long.parseLong(job.getId()), request.after(), request.fetchSize()),
            RowError::id);
    return ImportRowErrorConnection.newBuilder()
        .edges(
            page.edges().stream()
                .map(
                    e ->
                        ImportRowErrorEdge.newBuilder()
                            .cursor(e.cursor())
                            .node(
                                org.loyaltygraph.schema.types.ImportRowError.newBuilder()
                                    .line(e.node().line())
                                    .recordId(e.node().recordKey())
                                    .field(e.node().field())
                                    .code(e.node().code())
                                    .message(e.node().message())
                                    .build())
                            .build())
                .toList())
        .pageInfo(page.pageInfo())
        .build();
  }

  @DgsMutation
  ImportJobCancelPayload importJobCancel(@InputArgument ImportJobCancelInput input) {
    ImportService.Cancellation result = imports.cancel(input.getId());
    return ImportJobCancelPayload.newBuilder()
        .importJob(result.job() == null ? null : job(result.job()))
        .userErrors(
            result.userErrors().stream()
                .map(
                    e ->
                        ImportUserError.newBuilder()
                            .field(e.field())
                            .message(e.message())
                            .code(ImportErrorCode.valueOf(e.code()))
                            .build())
                .toList())
        .build();
  }

  private static org.loyaltygraph.schema.types.ImportJob job(ImportJob j) {
    return org.loyaltygraph.schema.types.ImportJob.newBuilder()
        .id(Long.toString(j.id()))
        .kind(org.loyaltygraph.schema.types.ImportKind.valueOf(j.kind().name()))
        .format(org.loyaltygraph.schema.types.ImportFormat.valueOf(j.format().name()))
        .emitsEvents(j.emitsEvents())
        .status(org.loyaltygraph.schema.types.ImportStatus.valueOf(j.status().name()))
        .rowsTotal(j.rowsTotal())
        .rowsDone(j.rowsDone())
        .rowsImported(j.rowsImported())
        .rowsSkipped(j.rowsSkipped())
        .rowsFailed(j.rowsFailed())
        .createdAt(time(j.createdAt()))
        .startedAt(time(j.startedAt()))
        .finishedAt(time(j.finishedAt()))
        .build();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
