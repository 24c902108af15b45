# Sourced by CI scripts: exports JAVA_HOME for a JDK 21 or newer.
# The machine's default java may be older; JDKs live side by side under /usr/lib/jvm.

java_feature_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_jdk21() {
  local candidate best="" best_version=0 version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(java_feature_version "$candidate")
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "Using the JDK at $JAVA_HOME (Java $best_version)"
}
