"""Finds the JDKs on a machine and checks each for the workbook's kernel (used by tools/kernelspec.py).

A candidate passes when it runs, is Java 17 or newer and has the jdk.jshell module (a JDK, not a JRE: JJava
compiles cells with JShell). Every function takes the machine's answers as arguments (how to run a command,
which `java` files are on the PATH), so tests simulate each machine without starting a process.
"""
from __future__ import annotations

import glob
import os
import platform
import plistlib
import re
import subprocess
from dataclasses import dataclass

MIN_JAVA = 17


@dataclass
class Host:
    """The facts about this machine the choice depends on (tests pass their own)."""
    system: str                 # platform.system(): Linux, Darwin, Windows
    apple_silicon: bool = False  # an arm64 Mac (also when this Python itself runs under Rosetta)
    musl: bool = False          # Alpine and other musl-libc Linux systems


@dataclass
class Jdk:
    java: str                   # absolute path of the java launcher
    origin: str                 # where it was found, for the messages
    version: str = ""
    major: int = 0
    arch: str = ""
    home: str = ""
    tmpdir: str = ""
    jshell: bool = False
    problem: str = ""           # why it cannot be used; empty when it can


def current_host():
    system = platform.system()
    apple = False
    if system == "Darwin":
        apple = platform.machine() == "arm64" or run_command(["sysctl", "-n", "hw.optional.arm64"])[1].strip() == "1"
    musl = system == "Linux" and (bool(glob.glob("/lib/ld-musl-*.so.1")) or os.path.exists("/etc/alpine-release"))
    return Host(system=system, apple_silicon=apple, musl=musl)


def run_command(cmd, timeout=30):
    """(exit status, stdout, stderr) of a command; status None when it could not be started."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except OSError as e:
        return None, "", e.strerror or str(e)
    except subprocess.TimeoutExpired:
        return None, "", f"no answer within {timeout} s"


def probe(java, origin, run=run_command):
    """Runs `java -XshowSettings:properties --list-modules` once and reads what the checks need."""
    jdk = Jdk(java=java, origin=origin)
    status, out, err = run([java, "-XshowSettings:properties", "--list-modules"])
    if status is None and not os.path.exists(java):
        jdk.problem = "does not exist"
        return jdk
    if status is None:
        jdk.problem = f"does not run ({err})"
        return jdk
    props = dict(re.findall(r"^\s+([\w.]+) = (.*)$", err, re.MULTILINE))
    jdk.version = props.get("java.version", "")
    if not jdk.version:  # an old or odd java: take the version from its banner
        m = re.search(r'version "([^"]+)"', out + err)
        jdk.version = m.group(1) if m else ""
    m = re.match(r"(?:1\.)?(\d+)", jdk.version)
    jdk.major = int(m.group(1)) if m else 0
    jdk.arch = props.get("os.arch", "")
    jdk.home = props.get("java.home", "")
    jdk.tmpdir = props.get("java.io.tmpdir", "")
    jdk.jshell = re.search(r"^jdk\.jshell@", out, re.MULTILINE) is not None
    if not jdk.version:
        jdk.problem = f"printed no Java version (exit status {status})"
    elif jdk.major < MIN_JAVA:
        jdk.problem = f"is Java {jdk.version}; the kernel needs {MIN_JAVA} or newer"
    elif status != 0:
        jdk.problem = f"is Java {jdk.version} but failed (exit status {status}): {err.strip()[-200:]}"
    elif not jdk.jshell:
        jdk.problem = f"is a Java {jdk.version} runtime without the jdk.jshell module (a JRE): the kernel needs a JDK"
    return jdk


def candidates(host, env, run=run_command, which_all=None):
    """(java path, origin) in the order they are tried; the same file is listed once."""
    found = []
    if env.get("JAVA_HOME"):
        found.append((os.path.join(env["JAVA_HOME"], "bin", "java"), "JAVA_HOME"))
    for java in (which_all or _which_all)("java", env.get("PATH", "")):
        found.append((java, "PATH"))
    if host.system == "Darwin":
        cmd = ["/usr/libexec/java_home", "-X", "-F"] + (["-a", "x86_64"] if host.apple_silicon else [])
        status, out, _ = run(cmd)
        if status == 0 and out.strip():
            for entry in plistlib.loads(out.encode()):
                if entry.get("JVMHomePath"):
                    found.append((os.path.join(entry["JVMHomePath"], "bin", "java"), "java_home"))
    seen, unique = set(), []
    for java, origin in found:
        key = os.path.realpath(java)
        if key not in seen:
            seen.add(key)
            unique.append((java, origin))
    return unique


def _which_all(name, path):
    out = []
    for d in path.split(os.pathsep):
        p = os.path.join(d or ".", name)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            out.append(os.path.abspath(p))
    return out
