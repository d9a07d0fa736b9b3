#!/bin/sh
# Installs one pinned Pulumi CLI release (Linux) into a folder, after checking the tarball's sha256.
# Used by docker/asc.Dockerfile and by .github/actions/setup-asc, so CI and the runner image install Pulumi the same way.
#
#   install-pulumi.sh <version> <dest-dir> [x64|arm64]
#
# The expected digest comes from the release's checksums file (pulumi-<version>-checksums.txt). Set PULUMI_SHA256 to
# pin the tarball's digest yourself as well: then a changed checksums file cannot vouch for a changed tarball.
# PULUMI_DOWNLOAD_BASE points at a mirror with the same layout (default https://get.pulumi.com/releases/sdk).
set -eu

version="${1:?usage: install-pulumi.sh <version> <dest-dir> [x64|arm64]}"
dest="${2:?usage: install-pulumi.sh <version> <dest-dir> [x64|arm64]}"
arch="${3:-}"
if [ -z "$arch" ]; then
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "install-pulumi: unsupported machine $(uname -m); Pulumi ships linux x64 and arm64" >&2; exit 1 ;;
  esac
fi

base="${PULUMI_DOWNLOAD_BASE:-https://get.pulumi.com/releases/sdk}"
tarball="pulumi-v${version}-linux-${arch}.tar.gz"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

curl -fsSL --retry 3 -o "$tmp/$tarball" "$base/$tarball"
curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$base/pulumi-${version}-checksums.txt"
expected="$(awk -v f="$tarball" '$2 == f { print $1 }' "$tmp/checksums.txt")"
if [ -z "$expected" ]; then
  echo "install-pulumi: pulumi-${version}-checksums.txt lists no $tarball" >&2
  exit 1
fi
if [ -n "${PULUMI_SHA256:-}" ] && [ "$PULUMI_SHA256" != "$expected" ]; then
  echo "install-pulumi: PULUMI_SHA256 ($PULUMI_SHA256) differs from the checksums file ($expected)" >&2
  exit 1
fi
(cd "$tmp" && echo "$expected  $tarball" | sha256sum -c -)

mkdir -p "$dest"
tar -xzf "$tmp/$tarball" -C "$dest" --strip-components=1
"$dest/pulumi" version
