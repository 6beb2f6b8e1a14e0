package eu.mostbridge.broker.fuzz;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.identity.CommonIdentity;

/**
 * The national answer fuzz targets' shared parts: a genuine answer with fuzzed bytes spliced in (so
 * most inputs parse and reach the deep checks), and what a target accepts: the genuine person (a
 * change the validation let through touched nothing that counts), or the documented refusal, unless
 * that refusal hides a failure of Most's own code (the adapters turn an unforeseen runtime
 * exception into a refusal, never a 500, which would keep a bug out of sight).
 */
final class AnswerFuzzing {
  private AnswerFuzzing() {}

  /**
   * Up to 64 bytes of a genuine answer replaced by up to 256 of the fuzzer's, consumed before the
   * answer exists (an OIDC token response is made during the login, on the simulator's thread).
   */
  static final class Splice {
    private final int at;
    private final int cut;
    private final byte[] insert;

    private Splice(int at, int cut, byte[] insert) {
      this.at = at;
      this.cut = cut;
      this.insert = insert;
    }

    static Splice consume(com.code_intelligence.jazzer.api.FuzzedDataProvider data) {
      return new Splice(
          data.consumeInt(0, 1 << 16), data.consumeInt(0, 64), data.consumeBytes(256));
    }

    byte[] apply(byte[] genuine) {
      int from = at % (genuine.length + 1);
      int removed = Math.min(cut, genuine.length - from);
      byte[] spliced = new byte[genuine.length - removed + insert.length];
      System.arraycopy(genuine, 0, spliced, 0, from);
      System.arraycopy(insert, 0, spliced, from, insert.length);
      System.arraycopy(
          genuine, from + removed, spliced, from + insert.length, genuine.length - from - removed);
      return spliced;
    }
  }

  static void requireGenuine(CommonIdentity accepted, String genuinePerson) {
    if (!genuinePerson.equals(accepted.personIdentifier().value())) {
      throw new AssertionError("A changed answer was accepted for another person");
    }
  }

  static void requireNoHiddenFailure(AuthenticationFailure refused) {
    if (refused.getCause() instanceof RuntimeException failure && thrownByMost(failure)) {
      throw new AssertionError("Most's own code failed on an answer", failure);
    }
  }

  /**
   * Whether the first frame outside the JDK (which a precondition such as {@code
   * Objects.requireNonNull} throws from) is Most's: a library failing on input nobody foresaw is
   * the library's.
   */
  private static boolean thrownByMost(RuntimeException failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      String name = frame.getClassName();
      if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
        return name.startsWith("eu.mostbridge.");
      }
    }
    return false;
  }
}
