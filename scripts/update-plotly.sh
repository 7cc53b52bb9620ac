#!/usr/bin/env bash
# Re-fetches the vendored plotly.js partial bundle from the npm registry and
# checks it against the digest in docs/assets/vendor/plotly/SOURCE.txt.
# Usage: scripts/update-plotly.sh [version]   (default: the version in SOURCE.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
target=docs/assets/vendor/plotly
current=$(sed -n 's/^Package: plotly.js-basic-dist-min \([0-9.]*\).*/\1/p' "$target/SOURCE.txt")
version="${1:-$current}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "plotly.js-basic-dist-min@$version" --silent >/dev/null && tar xzf ./*.tgz)
digest=$(sha256sum "$work/package/plotly-basic.min.js" | cut -d' ' -f1)
if [ "$version" = "$current" ] && ! grep -q "$digest" "$target/SOURCE.txt"; then
  echo "digest mismatch for $version: $digest" >&2
  exit 1
fi
cp "$work/package/plotly-basic.min.js" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.txt"
sed -i "s/^Package: plotly.js-basic-dist-min [0-9.]*/Package: plotly.js-basic-dist-min $version/; s/plotly.js-basic-dist-min@[0-9.]*/plotly.js-basic-dist-min@$version/; s/^sha256: .*/sha256: $digest/" "$target/SOURCE.txt"
echo "plotly.js-basic-dist-min $version ($digest)"
