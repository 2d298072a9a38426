# Sourced by the audit benchmarks: builds the server jar from a clean tree, so that a figure is
# never taken from a jar that still holds classes or migrations deleted since it was built (an
# incremental `package` keeps them), and says which commit the jar was built from.
# SKIP_BUILD=true uses server/target/tenantra-server.jar as it is (say, to rerun at once).
if [ "${SKIP_BUILD:-false}" != true ] || [ ! -f server/target/tenantra-server.jar ]; then
  echo "Building the server jar (clean package; SKIP_BUILD=true reuses the last one)..."
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true clean package
fi
JAR_SOURCE="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- server model 2>/dev/null)" ]; then
  JAR_SOURCE="$JAR_SOURCE with uncommitted changes"
fi
echo "Server jar built from $JAR_SOURCE"
