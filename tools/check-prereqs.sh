#!/usr/bin/env bash
# Checks the tools the workbook needs before anything is built, and says how to install what is missing.
# Needs: JDK 17+ (javac), Maven, Python 3.9+ with venv, and on Linux libgfortran.so.5 (jblas native code).
# Exit status: 0 when everything is there, 1 otherwise.
set -u

PYTHON="${PYTHON:-python3}"
missing=()      # human-readable names of what is missing
hints=()        # one install hint per missing thing

say_ok()   { printf '  ok       %s\n' "$1"; }
say_miss() { printf '  MISSING  %s\n' "$1"; missing+=("$1"); }

# Install commands per platform, printed once at the end for everything that is missing.
debian_pkgs=()
fedora_pkgs=()
brew_pkgs=()

echo "Checking prerequisites:"

# --- JDK 17+ (javac, not just a JRE: JJava compiles snippets, Maven compiles src/) ---
if command -v javac >/dev/null 2>&1; then
    jv="$(javac -version 2>&1 | awk '{print $2}')"
    jmajor="${jv%%.*}"
    if [[ "$jmajor" =~ ^[0-9]+$ ]] && (( jmajor >= 17 )); then
        say_ok "JDK $jv (javac)"
    else
        say_miss "JDK 17 or newer (found javac $jv)"
        debian_pkgs+=(openjdk-17-jdk); fedora_pkgs+=(java-17-openjdk-devel); brew_pkgs+=(openjdk@17)
    fi
else
    say_miss "JDK 17 or newer (no javac on PATH)"
    debian_pkgs+=(openjdk-17-jdk); fedora_pkgs+=(java-17-openjdk-devel); brew_pkgs+=(openjdk@17)
fi

# --- Maven ---
if command -v mvn >/dev/null 2>&1; then
    say_ok "Maven ($(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'))"
else
    say_miss "Maven (no mvn on PATH)"
    debian_pkgs+=(maven); fedora_pkgs+=(maven); brew_pkgs+=(maven)
fi

# --- Python 3.9+ with the venv module ---
if command -v "$PYTHON" >/dev/null 2>&1; then
    pv="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)"
    if "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
        if "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            say_ok "Python $pv with venv"
        else
            say_miss "Python venv module (python $pv has no venv/ensurepip)"
            debian_pkgs+=(python3-venv)
        fi
    else
        say_miss "Python 3.9 or newer (found $pv)"
        debian_pkgs+=(python3 python3-venv); fedora_pkgs+=(python3); brew_pkgs+=(python@3.11)
    fi
else
    say_miss "Python 3.9 or newer (no $PYTHON on PATH)"
    debian_pkgs+=(python3 python3-venv); fedora_pkgs+=(python3); brew_pkgs+=(python@3.11)
fi

# --- libgfortran.so.5 (Linux only: jblas's native BLAS/LAPACK links against it) ---
if [[ "$(uname -s)" == "Linux" ]]; then
    found=""
    if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libgfortran\.so\.5'; then
        found="ldconfig"
    elif [[ -x /sbin/ldconfig ]] && /sbin/ldconfig -p 2>/dev/null | grep -q 'libgfortran\.so\.5'; then
        found="ldconfig"
    else
        for d in /lib /lib64 /usr/lib /usr/lib64 /lib/*-linux-gnu /usr/lib/*-linux-gnu /usr/local/lib \
                 ${CONDA_PREFIX:+$CONDA_PREFIX/lib} ${LD_LIBRARY_PATH//:/ }; do
            if [[ -e "$d/libgfortran.so.5" ]]; then found="$d"; break; fi
        done
    fi
    if [[ -n "$found" ]]; then
        say_ok "libgfortran.so.5 (jblas native code)"
    else
        say_miss "libgfortran.so.5 (jblas native code needs it)"
        debian_pkgs+=(libgfortran5); fedora_pkgs+=(libgfortran)
    fi
fi

# --- Optional (Linux): the system's OpenBLAS makes training about 2.5x faster ---
# The module then multiplies with OpenBLAS through dev.ludovic.netlib (nn.blas.Blas); without it, it uses
# jblas's bundled BLAS. Never counted as missing.
if [[ "$(uname -s)" == Linux ]]; then
    have_openblas=no
    if { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libopenblas\.so'; then
        have_openblas=yes
    fi
    if [[ $have_openblas == yes ]]; then
        say_ok "OpenBLAS (optional: faster training)"
    else
        printf '  optional %s\n' "faster training: install OpenBLAS (Debian/Ubuntu: sudo apt-get install libopenblas0)"
    fi
fi

if (( ${#missing[@]} == 0 )); then
    echo "All prerequisites found."
    exit 0
fi

echo
echo "Missing: ${#missing[@]}. Install them with ONE of:"
if (( ${#debian_pkgs[@]} )); then
    echo "  Debian/Ubuntu:  sudo apt-get install ${debian_pkgs[*]}"
fi
if (( ${#fedora_pkgs[@]} )); then
    echo "  Fedora:         sudo dnf install ${fedora_pkgs[*]}"
fi
if (( ${#brew_pkgs[@]} )); then
    echo "  macOS:          brew install ${brew_pkgs[*]}"
fi
echo "  conda (any OS): conda env create -f environment.yml && conda activate nn-workbook"
echo "Then run the make command again."
exit 1
