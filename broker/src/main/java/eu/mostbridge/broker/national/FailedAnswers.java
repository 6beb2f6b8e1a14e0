package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.AnswerAdmission;
import eu.mostbridge.broker.state.InfinispanReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;

/**
 * The broker's {@link AnswerAdmission}: its slots are the cluster's one-time records in Infinispan.
 * Behind a reverse proxy the source is the client's address only with the proxy's forwarding
 * trusted (docs/DEPLOYMENT.md).
 */
@ApplicationScoped
public class FailedAnswers {
  @Produces
  @ApplicationScoped
  AnswerAdmission admission(InfinispanReplayCache records, Clock clock) {
    return new AnswerAdmission(
        new AnswerAdmission.Slots() {
          @Override
          public boolean take(String scope, String id, Instant keepUntil) {
            return records.firstUse(scope, id, keepUntil);
          }

          @Override
          public boolean taken(String scope, String id) {
            return records.recorded(scope, id).isPresent();
          }
        },
        clock);
  }
}
