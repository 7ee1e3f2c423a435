#!/usr/bin/env bash
# Installs every build, test and analysis dependency from Debian 12's archive (idempotent).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build git pkg-config
  libboost-graph-dev libtbb-dev libhdf5-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev
  librandom123-dev libeigen3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin
  python3 python3-dev python3-h5py python3-numpy python3-pandas python3-matplotlib python3-nbconvert python3-ipykernel
  pybind11-dev python3-pybind11 python3-pytest python3-scipy python3-sklearn python3-statsmodels libssl-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
