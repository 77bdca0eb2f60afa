#!/bin/sh
# Installs every Debian 12 package that building, running and testing Bantin
# needs. Safe to run again; it only installs what is missing.
set -eu

packages="
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev glib-networking libsqlite3-dev sqlite3
  libxml2-dev libjson-glib-dev
  desktop-file-utils appstream gsettings-desktop-schemas
  xvfb xauth dbus dbus-x11 at-spi2-core imagemagick
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme
  locales valgrind python3 time
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

# The Vietnamese locale, so that the interface and its tests can run in it.
if ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
  $SUDO sed -i 's/^# *\(vi_VN UTF-8\)/\1/' /etc/locale.gen
  grep -q '^vi_VN UTF-8' /etc/locale.gen || echo 'vi_VN UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
fi
