package eu.mostbridge.broker.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The embedded Infinispan cache manager, from {@code most-infinispan.xml}. Plain infinispan-core
 * rather than the Quarkiverse extension, which does not work with Quarkus 3.33.
 */
@ApplicationScoped
public class CacheManagerProducer {
  @Produces
  @ApplicationScoped
  EmbeddedCacheManager cacheManager() {
    try {
      return new DefaultCacheManager("most-infinispan.xml");
    } catch (IOException e) {
      throw new UncheckedIOException("most-infinispan.xml cannot be read", e);
    }
  }

  void close(@Disposes EmbeddedCacheManager manager) {
    manager.stop();
  }
}
