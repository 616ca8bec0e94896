package nn.blas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JblasTest {
  @Test
  void nativeCodeLoadsOnThisMachine() {
    assertDoesNotThrow(Jblas::check, "CI installs libgfortran5; jblas must load");
  }

  @Test
  void missingGfortranNamesThePackageToInstall() {
    // The text a learner sees when libgfortran.so.5 is missing (verified by hand by hiding the library:
    // jblas then fails in NativeBlas.dgemm with UnsatisfiedLinkError, which check() turns into this).
    String m = Jblas.message(new UnsatisfiedLinkError("libgfortran.so.5: cannot open shared object file"));
    if (System.getProperty("os.name").toLowerCase().contains("linux")) {
      assertTrue(m.startsWith("jblas could not load its native BLAS code: it needs the system library "
          + "libgfortran.so.5. Install it and restart the kernel:"), m);
      assertTrue(m.contains("Debian/Ubuntu: sudo apt-get install libgfortran5"), m);
      assertTrue(m.contains("Fedora/RHEL:   sudo dnf install libgfortran"), m);
      assertTrue(m.contains("conda:         conda install -c conda-forge libgfortran5"), m);
    }
    assertTrue(m.endsWith("(cause: java.lang.UnsatisfiedLinkError: libgfortran.so.5: cannot open shared object "
        + "file)"), m);
  }
}
