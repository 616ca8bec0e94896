#!/bin/sh
# Builds the nnblas JNI bridge (nnblas.c) into the module's classes, when this machine can:
#   src/main/c/build.sh <classes dir> <java.home>
# Maven runs it at compile time on Linux. Without a C compiler it says so and succeeds: the module then
# uses jblas's bundled BLAS, exactly as before (nothing else changes).
set -u
out="$1"
java_home="$2"
src="$(dirname "$0")/nnblas.c"
arch="$(uname -m)"
dest="$out/nn/native/linux-$arch"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "nnblas: no C compiler ($cc): the module will use jblas's bundled BLAS (install gcc for the faster system OpenBLAS)"
  exit 0
fi
if [ ! -f "$java_home/include/jni.h" ]; then
  echo "nnblas: no jni.h under $java_home/include: the module will use jblas's bundled BLAS"
  exit 0
fi
mkdir -p "$dest"
# shellcheck disable=SC3013 # -nt is not POSIX, but dash and bash (what sh is on Linux) both have it
if [ -f "$dest/libnnblas.so" ] && [ "$dest/libnnblas.so" -nt "$src" ]; then
  exit 0
fi
if "$cc" -O2 -shared -fPIC -Wall -Werror -I"$java_home/include" -I"$java_home/include/linux" \
     -o "$dest/libnnblas.so" "$src" -ldl; then
  exit 0
fi
rm -f "$dest/libnnblas.so"
echo "nnblas: compiling $src failed (above): the module will use jblas's bundled BLAS"
exit 0
