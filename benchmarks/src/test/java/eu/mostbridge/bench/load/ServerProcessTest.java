package eu.mostbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The heap figure read from {@code jcmd GC.heap_info}, whose format changed between JDKs. */
class ServerProcessTest {
  @Test
  void readsTheHeapInUseAsJdk17WritesIt() {
    assertThat(
            ServerProcess.usedHeap(
                """
                4242:
                 garbage-first heap   total 524288K, used 53112K [0x00000000e0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 61234K, committed 61888K, reserved 1114112K
                """))
        .isEqualTo(53112L * 1024);
  }

  @Test
  void readsTheHeapInUseAsJdk25WritesIt() {
    assertThat(
            ServerProcess.usedHeap(
                """
                13223:
                garbage-first heap   total reserved 524288K, committed 524288K, used 19012K [0x00000000e0000000, 0x0000000100000000)
                 region size 1024K, 1 young (1024K), 0 survivors (0K)
                """))
        .isEqualTo(19012L * 1024);
  }

  @Test
  void addsTheGenerationsOfTheSerialCollector() {
    assertThat(
            ServerProcess.usedHeap(
                """
                 def new generation   total 4928K, used 1024K [0x00000000e0000000, 0x00000000e0550000)
                 tenured generation   total 10944K, used 2048K [0x00000000e0550000, 0x00000000e1000000)
                 Metaspace       used 100K, committed 200K, reserved 1000K
                """))
        .isEqualTo(3072L * 1024);
  }

  @Test
  void addsTheGenerationsOfTheSerialCollectorAsJdk25WritesThem() {
    // Java 25 picks the serial collector for a process pinned to one CPU (--cpus 0).
    assertThat(
            ServerProcess.usedHeap(
                """
                6886:
                DefNew     total 157248K, used 46K [0x00000000e0000000, 0x00000000eaaa0000)
                 eden space 139776K,   0% used [0x00000000e0000000, 0x00000000e000bb00)
                 from space 17472K,   0% used [0x00000000e9990000, 0x00000000e9990000)
                Tenured    total 349568K, used 81482K [0x00000000eaaa0000, 0x0000000100000000)
                 the  space 349568K,  23% used [0x00000000eaaa0000, 0x00000000efa32900)
                 Metaspace       used 70000K, committed 71000K, reserved 1114112K
                """))
        .isEqualTo((46L + 81482L) * 1024);
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> ServerProcess.usedHeap("4242:\nno such command"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unreadable heap info");
  }
}
