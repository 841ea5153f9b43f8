#!/usr/bin/env bash
# Installs the Debian packages localism needs, only those missing; does nothing when all are
# present. Needs root (or sudo) when something must be installed.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build clang-format clang-tidy git pkg-config procps time hostname
  clang-14 libclang-rt-14-dev
  libtbb-dev libboost-random-dev libboost-dev librandom123-dev
  libhdf5-dev hdf5-tools libyaml-cpp-dev catch2 libcli11-dev libssl-dev
  libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-scipy
  python3-xarray python3-netcdf4 python3-pytest netcdf-bin
  python3-setuptools python3-wheel python3-pip python3-venv
  chromium r-base-core r-cran-hdf5r
  slurm-wlm munge
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    SUDO="sudo"
  else
    echo "setup: error: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: done"
