# Sourced (POSIX sh) by ./mvnw and .ci/run: makes JAVA_HOME a JDK 21 or newer.
# Keeps a JAVA_HOME (or the java on PATH) that is already 21+; otherwise takes the newest JDK 21+
# found under /usr/lib/jvm (or $TTA_JDK_SEARCH_DIRS). Prints why and fails clearly when none exists.

tta_java_major() {
  # $1: path to a java binary; prints its feature version (17, 21, 25, ...) or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

tta_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(tta_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then return 0; fi
  elif [ -z "${JAVA_HOME-}" ] && command -v javac >/dev/null 2>&1; then
    v=$(tta_java_major "$(command -v java)")
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then return 0; fi
  fi
  best=""; best_v=0
  tta_noglob=""; case $- in *f*) tta_noglob=1; set +f ;; esac
  for dir in ${TTA_JDK_SEARCH_DIRS:-/usr/lib/jvm}; do
    for home in "$dir"/*; do
      [ -x "$home/bin/javac" ] || continue
      v=$(tta_java_major "$home/bin/java")
      if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
    done
  done
  [ -z "$tta_noglob" ] || set -f
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (JAVA_HOME='${JAVA_HOME-}', searched ${TTA_JDK_SEARCH_DIRS:-/usr/lib/jvm})." >&2
    echo "Install one (for example 'apt-get install openjdk-21-jdk-headless' where available) or set JAVA_HOME." >&2
    return 1
  fi
  [ "${MVNW_VERBOSE-}" = true ] && echo "Using JDK $best_v at $best" >&2
  JAVA_HOME="$best"; export JAVA_HOME
}
