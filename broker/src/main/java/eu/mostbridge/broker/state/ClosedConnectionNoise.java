package eu.mostbridge.broker.state;

import io.quarkus.logging.LoggingFilter;
import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps one JGroups warning out of the logs: "failed handling message: java.io.IOException: Stream
 * closed" with its stack trace, from a connection's receiver thread. It comes when this replica
 * itself closes its connection to a member that left (cleanly or not) while the thread reading that
 * connection still waits on it: the thread's own stream was closed under it, nothing failed. What
 * an operator needs of a departure is the view change and Most's own lines about it. Any other
 * JGroups warning, and this one with any other cause, is logged as it comes.
 */
@LoggingFilter(name = "jgroups-closed-connections")
public final class ClosedConnectionNoise implements Filter {
  @Override
  public boolean isLoggable(LogRecord record) {
    return !(Level.WARNING.equals(record.getLevel())
        && "org.jgroups.protocols.TCP".equals(record.getLoggerName())
        && record.getThrown() instanceof IOException closed
        && "Stream closed".equals(closed.getMessage())
        && String.valueOf(record.getMessage()).startsWith("failed handling message"));
  }
}
