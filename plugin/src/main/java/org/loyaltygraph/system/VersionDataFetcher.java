package org.loyaltygraph.system;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

@DgsComponent
class VersionDataFetcher {

  private final String version;

  VersionDataFetcher(ObjectProvider<BuildProperties> build) {
    BuildProperties props = build.getIfAvailable();
    this.version = props != null ? props.getVersion() : "development";
  }

  @DgsQuery
  String serviceVersion() {
    return version;
  }

  @com.netflix.graphql.dgs.DgsMutation
  Boolean noop() {
    return Boolean.TRUE;
  }
}
