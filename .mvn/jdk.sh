# Sourced by mvnw. Maven must run on a JDK >= 21: the jar tool that packages the named modules
# reads their module-info, compiled for Java 21, and runs inside Maven's JVM. Keeps JAVA_HOME
# if it is such a JDK; else exports the newest JDK >= 21 found where JDKs are usually installed.
chanflux_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
chanflux_jdk_version() { # prints the feature version of the JDK at $1 if it is >= 21
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  chanflux_v=$(chanflux_java_major "$1/bin/java")
  [ -n "$chanflux_v" ] && [ "$chanflux_v" -ge 21 ] && echo "$chanflux_v"
}
if [ -z "${JAVA_HOME-}" ] || ! chanflux_jdk_version "$JAVA_HOME" >/dev/null; then
  chanflux_best="" chanflux_best_v=0
  set +f
  for chanflux_home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if chanflux_found=$(chanflux_jdk_version "$chanflux_home") && [ "$chanflux_found" -gt "$chanflux_best_v" ]; then
      chanflux_best="$chanflux_home" chanflux_best_v="$chanflux_found"
    fi
  done
  set -f
  if [ -n "$chanflux_best" ]; then
    JAVA_HOME="$chanflux_best"
    export JAVA_HOME
  else
    echo "mvnw: no JDK >= 21 found (JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks); install one, e.g. 'apt-get install -y openjdk-21-jdk'." >&2
  fi
fi
# Programs Maven starts by name (exec:exec's java) come from the same JDK.
if [ -n "${JAVA_HOME-}" ]; then
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
fi
# Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about at every start: allow it quietly.
if [ -n "${JAVA_HOME-}" ] && chanflux_v=$(chanflux_java_major "$JAVA_HOME/bin/java") && [ -n "$chanflux_v" ] && [ "$chanflux_v" -ge 24 ]; then
  case "${MAVEN_OPTS-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
