/*
 * nnblas: a tiny JNI bridge from nn.SystemBlas to the system's OpenBLAS.
 *
 * Why it exists: jblas 1.2.5 brings its own 2020 OpenBLAS, which runs SSE3 kernels on CPUs it does not
 * know, and it copies every Java array it hands to native code on every call. This bridge opens the
 * system's OpenBLAS (Debian: libopenblas0) at run time with dlopen, so the build needs no BLAS headers
 * and a machine without OpenBLAS simply keeps jblas's; and it hands the BLAS the Java arrays themselves
 * (JNI "critical" access: no copy while the product runs).
 *
 * All matrices are column-major, as in jblas. Java checks every size and offset before calling here.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>
#include <stdio.h>

/* CBLAS constants (column-major, no transpose, transpose), as fixed by the CBLAS standard. */
enum { COL_MAJOR = 102, NO_TRANS = 111, TRANS = 112 };

typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int,
                         double, double *, int);
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int,
                         float, float *, int);
typedef void (*set_threads_fn)(int);
typedef char *(*text_fn)(void);

static dgemm_fn dgemm;
static sgemm_fn sgemm;
static text_fn config;
static text_fn corename;

/* Opens the library at `path`; returns NULL on success, else the reason (dlerror's or ours). */
JNIEXPORT jstring JNICALL Java_nn_blas_SystemBlas_open(JNIEnv *env, jclass cls, jstring path) {
  const char *name = (*env)->GetStringUTFChars(env, path, NULL);
  if (name == NULL) {
    return (*env)->NewStringUTF(env, "out of memory");
  }
  void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  (*env)->ReleaseStringUTFChars(env, path, name);
  if (lib == NULL) {
    const char *why = dlerror();
    return (*env)->NewStringUTF(env, why == NULL ? "dlopen failed" : why);
  }
  dgemm_fn d = (dgemm_fn) dlsym(lib, "cblas_dgemm");
  sgemm_fn s = (sgemm_fn) dlsym(lib, "cblas_sgemm");
  if (d == NULL || s == NULL) {
    dlclose(lib);
    return (*env)->NewStringUTF(env, "the library has no cblas_dgemm/cblas_sgemm");
  }
  /* One thread: the matrices of a mini-batch are too small to share, and results stay reproducible. */
  set_threads_fn threads = (set_threads_fn) dlsym(lib, "openblas_set_num_threads");
  if (threads != NULL) {
    threads(1);
  }
  config = (text_fn) dlsym(lib, "openblas_get_config");
  corename = (text_fn) dlsym(lib, "openblas_get_corename");
  dgemm = d;
  sgemm = s;
  return NULL;
}

/* "OpenBLAS 0.3.21 ... / SkylakeX", or an empty string for a BLAS that does not say. */
JNIEXPORT jstring JNICALL Java_nn_blas_SystemBlas_describe(JNIEnv *env, jclass cls) {
  char text[512];
  const char *c = config == NULL ? "" : config();
  const char *k = corename == NULL ? "" : corename();
  snprintf(text, sizeof text, "%s%s%s", c, *k ? " / core " : "", k);
  return (*env)->NewStringUTF(env, text);
}

JNIEXPORT void JNICALL Java_nn_blas_SystemBlas_dgemm(JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m,
    jint n, jint k, jdouble alpha, jdoubleArray a, jint aOff, jint lda, jdoubleArray b, jint bOff, jint ldb,
    jdouble beta, jdoubleArray c, jint cOff, jint ldc) {
  double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  double *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  double *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pa != NULL && pb != NULL && pc != NULL) {
    dgemm(COL_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, alpha, pa + aOff, lda, pb + bOff,
          ldb, beta, pc + cOff, ldc);
  }
  /* Release in reverse order; only c was written. */
  if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  if (pb != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_nn_blas_SystemBlas_sgemm(JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m,
    jint n, jint k, jfloat alpha, jfloatArray a, jint aOff, jint lda, jfloatArray b, jint bOff, jint ldb,
    jfloat beta, jfloatArray c, jint cOff, jint ldc) {
  float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  float *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  float *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pa != NULL && pb != NULL && pc != NULL) {
    sgemm(COL_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, alpha, pa + aOff, lda, pb + bOff,
          ldb, beta, pc + cOff, ldc);
  }
  if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  if (pb != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
}
