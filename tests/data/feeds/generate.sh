#!/bin/sh
# Regenerates the legacy-charset fixtures from the UTF-8 sources beside
# them. The committed outputs are what the tests read; run this only after
# editing a source.
set -e
cd "$(dirname "$0")"
iconv -f UTF-8 -t WINDOWS-1258 sources/charset-win1258.xml > charset-win1258.xml
iconv -f UTF-8 -t WINDOWS-1252 sources/charset-win1252.xml > charset-win1252.xml
iconv -f UTF-8 -t WINDOWS-1252 sources/charset-latin1.xml > charset-latin1.xml
iconv -f UTF-8 -t WINDOWS-1252 sources/charset-mislabelled.xml > charset-mislabelled.xml
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE sources/charset-utf16.xml; } > charset-utf16.xml
