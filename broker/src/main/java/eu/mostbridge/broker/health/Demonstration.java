package eu.mostbridge.broker.health;

/**
 * Declares the running build a demonstration, not a service for real citizens: present as a bean
 * only in the demo artifact ({@code most-demo}), never in the broker's own jar. With it, start-up
 * fills the gaps production refuses (signing keys, identifier secrets, clients) with values made
 * there and then, and says so.
 */
public interface Demonstration {
  /** What stands in for the real configuration, for the start-up warning. */
  String standIns();
}
