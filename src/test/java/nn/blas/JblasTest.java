package nn.blas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JblasTest {
  @Test
  void nativeCodeLoadsOnThisMachine() {
    assertDoesNotThrow(Jblas::check, "make test installs libgfortran5; jblas must load");
  }

  @Test
  void theMessageIsTheOneForThisMachine() {
    // Each machine's exact message is pinned in nn.blas.MachineTest; check() shows the one for where it runs.
    UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libgfortran.so.5: cannot open shared object file");
    assertEquals(Machine.current().explain(cause), Jblas.message(cause));
  }
}
