#!/bin/sh
# Installs what lockgraph needs to build and test, from Debian 12's packages.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# chromium and chromium-driver run the HTML report's browser test
# (tests/browser). python3 is also the interpreter whose GIL
# tests/lit/runtime/python-gil.test measures (Debian's /usr/bin/python3; without it that test is UNSUPPORTED).
$SUDO apt-get install -y -qq --no-install-recommends \
  cmake ninja-build ccache g++ python3 \
  clang-19 libclang-19-dev llvm-19-dev clang-tidy-19 llvm-19-tools \
  libgtest-dev libbenchmark-dev libfmt-dev \
  python3-jsonschema chromium chromium-driver >/dev/null
