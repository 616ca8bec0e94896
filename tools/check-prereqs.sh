#!/usr/bin/env bash
# Checks the system packages a make command needs, and installs what is missing.
#   tools/check-prereqs.sh lab    what the workbook needs (make lab, make venv, make jar, make html)
#   tools/check-prereqs.sh test   also what the tests need (make test)
# Debian/Ubuntu: installs what is missing with apt-get, directly as root, otherwise through sudo after one line
# saying what and why (sudo asking for the password is the consent). NN_NO_SYSTEM_INSTALL=1, or a system
# where this script cannot install (Fedora, macOS, no sudo), prints the exact command instead.
# Exit status: 0 everything is there (perhaps after installing), 1 installing failed, 2 nothing was installed
# and the printed command is needed first.
# Tests: tools/testdata/prereqs_selftest.py runs this script on simulated machines (stub commands on PATH,
# NN_PREREQS_ROOT as the root of the file system it looks at).
set -u

mode="${1:-lab}"
case "$mode" in
    lab|test) ;;
    *) echo "usage: $0 [lab|test]" >&2; exit 64 ;;
esac
PYTHON="${PYTHON:-python3}"
HUB_PYTHON="${HUB_PYTHON:-/usr/bin/python3}"   # the classroom's Python (Makefile HUB_PYTHON)
root="${NN_PREREQS_ROOT:-}"   # empty: the real file system
os="$(uname -s)"

say_ok() { printf '  ok       %s\n' "$1"; }
# missing WHAT DEBIAN-PACKAGES FEDORA-PACKAGES HOMEBREW-PACKAGES (space-separated; "" when none exists)
missing() {
    printf '  MISSING  %s\n' "$1"
    missing+=("$1")
    local -a p
    read -ra p <<<"$2"; debian_pkgs+=("${p[@]}")
    read -ra p <<<"$3"; fedora_pkgs+=("${p[@]}")
    read -ra p <<<"$4"; brew_pkgs+=("${p[@]}")
    [[ -n "$3" ]] || no_fedora+=("${1%% (*}")
    [[ -n "$4" ]] || no_brew+=("${1%% (*}")
}

# The dynamic linker's cache (ldconfig is in /sbin, often not on a user's PATH), then where else it looks.
has_lib() {
    local cache d
    if command -v ldconfig >/dev/null 2>&1; then
        cache="$(ldconfig -p 2>/dev/null)"
    elif [[ -x "$root/sbin/ldconfig" ]]; then
        cache="$("$root/sbin/ldconfig" -p 2>/dev/null)"
    else
        cache=""
    fi
    if grep -q "[[:space:]]$1 " <<<"$cache"; then return 0; fi
    local IFS=:
    for d in "$root/lib" "$root/usr/lib" "$root/lib64" "$root/usr/lib64" ${CONDA_PREFIX:+"$CONDA_PREFIX/lib"} \
             ${LD_LIBRARY_PATH:-}; do
        [[ -n "$d" && -e "$d/$1" ]] && return 0
    done
    return 1
}

check_all() {
    missing=(); debian_pkgs=(); fedora_pkgs=(); brew_pkgs=(); no_fedora=(); no_brew=()
    echo "Checking what make $mode needs:"

    # JDK 17+ (javac, not just a JRE: JJava compiles snippets, Maven compiles src/)
    if command -v javac >/dev/null 2>&1; then
        local jv jmajor
        jv="$(javac -version 2>&1 | awk '{print $2}')"
        jmajor="${jv%%.*}"
        if [[ "$jmajor" =~ ^[0-9]+$ ]] && (( jmajor >= 17 )); then
            say_ok "JDK $jv (javac)"
        else
            missing "JDK 17 or newer (found javac $jv)" openjdk-17-jdk-headless java-17-openjdk-devel openjdk@17
        fi
    else
        missing "JDK 17 or newer (no javac on PATH)" openjdk-17-jdk-headless java-17-openjdk-devel openjdk@17
    fi

    if command -v mvn >/dev/null 2>&1; then
        say_ok "Maven"
    else
        missing "Maven (no mvn on PATH)" maven maven maven
    fi

    # Python 3.9+ with venv (the project's .venv/ holds JupyterLab and the kernel)
    if command -v "$PYTHON" >/dev/null 2>&1; then
        local pv
        pv="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)"
        if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
            missing "Python 3.9 or newer (found $pv)" "python3 python3-venv" python3 python@3.11
        elif "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            say_ok "Python $pv with venv"
        else
            missing "Python venv module (Python $pv has no venv/ensurepip)" python3-venv "" ""
        fi
    else
        missing "Python 3.9 or newer (no $PYTHON on PATH)" "python3 python3-venv" python3 python@3.11
    fi

    if [[ "$os" == Linux ]]; then
        if has_lib libgfortran.so.5; then
            say_ok "libgfortran.so.5 (jblas's native code)"
        else
            missing "libgfortran.so.5 (jblas's native code needs it)" libgfortran5 libgfortran ""
        fi
    fi

    if [[ "$mode" == lab ]]; then
        if [[ "$os" == Linux ]]; then
            if has_lib libopenblas.so.0; then
                say_ok "OpenBLAS (optional: faster training)"
            else
                echo "  optional OpenBLAS: training about 2.5x faster (make test installs it; by hand:" \
                     "sudo apt-get install libopenblas0)"
            fi
        fi
        return
    fi

    # --- make test only ---
    if [[ -d "$root/usr/share/datasets/fashion-mnist" ]]; then
        say_ok "Fashion-MNIST (/usr/share/datasets/fashion-mnist)"
    else
        missing "Fashion-MNIST (lesson 06 and its tests read /usr/share/datasets/fashion-mnist)" \
            dataset-fashion-mnist "" ""
    fi
    if [[ -x "$root/usr/bin/chromium" ]]; then
        say_ok "chromium (the browser tests drive /usr/bin/chromium)"
    else
        missing "chromium (the browser tests drive /usr/bin/chromium)" chromium chromium ""
    fi
    if [[ "$os" == Linux ]]; then
        if has_lib libopenblas.so.0; then
            say_ok "OpenBLAS (the tests check that training uses it)"
        else
            missing "OpenBLAS libopenblas.so.0 (the tests check that training uses it)" libopenblas0 openblas ""
        fi
    fi
    # The classroom test (deploy/jupyterhub/): the hub's environment is built from the system's Python, which
    # every learner account can run, and its proxy comes from npm.
    if [[ -x "$root$HUB_PYTHON" ]] && "$root$HUB_PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        say_ok "$HUB_PYTHON with venv (the classroom test's JupyterHub)"
    else
        missing "$HUB_PYTHON with venv (the classroom test builds JupyterHub's environment from it)" \
            "python3 python3-venv" python3 ""
    fi
    if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
        say_ok "Node.js and npm (the classroom test's configurable-http-proxy)"
    else
        missing "Node.js and npm (the classroom test installs configurable-http-proxy with npm)" \
            "nodejs npm" "nodejs npm" node
    fi
    if command -v shellcheck >/dev/null 2>&1; then
        say_ok "shellcheck (the tests check the shell scripts)"
    else
        missing "shellcheck (the tests check the shell scripts)" shellcheck ShellCheck shellcheck
    fi
}

list() { local IFS=, s; s="$*"; echo "${s//,/, }"; }

# Prints the command(s) that would install what is missing on this system, then exits 2.
print_command_and_stop() {
    local prefix="$1"
    echo "Install what is missing with:"
    if [[ "$installer" == apt-get ]]; then
        echo "  ${prefix}apt-get install -y ${debian_pkgs[*]}"
    elif [[ "$installer" == dnf ]]; then
        if (( ${#fedora_pkgs[@]} )); then echo "  sudo dnf install -y ${fedora_pkgs[*]}"; fi
        if (( ${#no_fedora[@]} )); then echo "  No Fedora package for: $(list "${no_fedora[@]}") (make test needs Debian/Ubuntu for it)."; fi
    elif [[ "$installer" == brew ]]; then
        if (( ${#brew_pkgs[@]} )); then echo "  brew install ${brew_pkgs[*]}"; fi
        if (( ${#no_brew[@]} )); then echo "  No Homebrew package for: $(list "${no_brew[@]}") (make test needs Debian/Ubuntu for it)."; fi
    else
        echo "  Debian/Ubuntu:  sudo apt-get install -y ${debian_pkgs[*]}"
        if (( ${#fedora_pkgs[@]} )); then echo "  Fedora:         sudo dnf install -y ${fedora_pkgs[*]}"; fi
        if (( ${#brew_pkgs[@]} )); then echo "  macOS:          brew install ${brew_pkgs[*]}"; fi
    fi
    if [[ "$installer" != apt-get ]]; then
        echo "  Or, on any system, for make lab: conda env create -f environment.yml && conda activate nn-workbook"
    fi
    echo "Then run make $mode again."
    exit 2
}

check_all
if (( ${#missing[@]} == 0 )); then
    echo "All of it is there."
    exit 0
fi

if [[ "$os" == Darwin ]]; then
    installer=brew
elif command -v apt-get >/dev/null 2>&1; then
    installer=apt-get
elif command -v dnf >/dev/null 2>&1; then
    installer=dnf
elif command -v brew >/dev/null 2>&1; then
    installer=brew
else
    installer=unknown
fi
echo

if [[ "${NN_NO_SYSTEM_INSTALL:-}" == 1 ]]; then
    echo "NN_NO_SYSTEM_INSTALL=1: installing nothing."
    if [[ "$(id -u)" == 0 ]]; then print_command_and_stop ""; else print_command_and_stop "sudo "; fi
fi
if [[ "$installer" != apt-get ]]; then
    echo "This script installs with apt-get only (Debian/Ubuntu); this system has none."
    print_command_and_stop "sudo "
fi

sudo=()
if [[ "$(id -u)" == 0 ]]; then
    echo "Installing with apt-get (make $mode needs them): ${debian_pkgs[*]}"
elif command -v sudo >/dev/null 2>&1; then
    echo "make $mode needs system packages; installing with sudo apt-get (sudo may ask for your password):" \
         "${debian_pkgs[*]}"
    sudo=(sudo)
else
    echo "Not root, and no sudo to install with."
    print_command_and_stop "as root: "
fi

apt() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
install_cmd=(install -y -q --no-install-recommends "${debian_pkgs[@]}")
# A fresh machine may have no package lists yet, or stale ones: update only then.
if ! apt-cache show "${debian_pkgs[@]}" >/dev/null 2>&1; then
    apt update -q || { echo "apt-get update failed (network?); nothing was installed."; exit 1; }
fi
if ! apt "${install_cmd[@]}" && ! { apt update -q && apt "${install_cmd[@]}"; }; then
    echo "apt-get install failed; see its messages above. The command was:" \
         "${sudo[*]:+${sudo[*]} }apt-get install -y ${debian_pkgs[*]}"
    exit 1
fi

echo
check_all
if (( ${#missing[@]} )); then
    echo "Still missing after apt-get: $(list "${missing[@]}")"
    exit 1
fi
echo "All of it is there."
