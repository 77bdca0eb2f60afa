#!/usr/bin/env python3
# po-check.py SOURCE_ROOT
#
# Copyright 2026 The Bantin authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the translations whole. Fails when
#  (a) a file under src/ or data/ has translatable strings but is missing
#      from po/POTFILES.in (or POTFILES.in names a file that is gone),
#  (b) `msgfmt --check --statistics` finds an error, an untranslated or a
#      fuzzy message in a po/<lang>.po listed in po/LINGUAS,
#  (c) the template made from POTFILES.in has a message that a .po lacks
#      (the .po was not merged after strings were added).
# Exits 77 (skipped) when the gettext tools are not installed.

import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The same keywords and flags as meson's i18n 'glib' preset, so that this
# check extracts exactly what the bantin-pot target extracts.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_print:1:c-format',
]

# What marks a file as having strings for translators.
C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:N?C?_|g_d?n?gettext|g_dc?gettext|g_dpgettext2?|n?gettext|dn?gettext)'
    r'\s*\(\s*(?:"|[A-Za-z_]+\s*,\s*")')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARKER = re.compile(r'<(?:summary|description)>')


def has_translatable_strings(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False

    if name.endswith(('.c', '.h')):
        # Comments may quote _("…") in prose; only code counts.
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        return C_MARKERS.search(text) is not None
    if name.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    if name.endswith('.gschema.xml'):
        return SCHEMA_MARKER.search(text) is not None
    if re.search(r'\.desktop\.in(\.in)?$', name) or re.search(r'\.(metainfo|appdata)\.xml\.in(\.in)?$', name):
        return True
    return False


def read_list(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith('#')]


def check_potfiles(root):
    errors = []
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))

    for rel in listed:
        if not os.path.exists(os.path.join(root, rel)):
            errors.append('po/POTFILES.in lists %s, which does not exist' % rel)

    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if rel in listed or rel in skipped:
                    continue
                if has_translatable_strings(path):
                    errors.append('%s has translatable strings but is not in po/POTFILES.in' % rel)

    return errors


def check_catalog(po):
    proc = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=dict(os.environ, LC_ALL='C'))
    report = proc.stdout.strip()
    if proc.returncode != 0:
        return ['%s: msgfmt --check failed:\n%s' % (po, report)]
    if 'untranslated' in report or 'fuzzy' in report:
        return ['%s is not fully translated: %s' % (po, report.splitlines()[-1])]
    return []


def entries(path):
    """(msgctxt, msgid) for every live entry, read with msgattrib's help so
    that wrapping and escapes do not matter."""
    text = subprocess.run(['msgattrib', '--no-wrap', '--no-location', '--no-obsolete', path],
                          stdout=subprocess.PIPE, check=True,
                          universal_newlines=True).stdout
    keys = set()
    for block in text.split('\n\n'):
        ctxt = None
        msgid = None
        for line in block.split('\n'):
            m = re.match(r'(msgctxt|msgid) "(.*)"$', line)
            if m and m.group(1) == 'msgctxt':
                ctxt = m.group(2)
            elif m:
                msgid = m.group(2)
        if msgid:
            keys.add((ctxt, msgid))
    return keys


def check_merged(root, pos):
    errors = []
    with tempfile.TemporaryDirectory(prefix='bantin-po-check-') as tmp:
        pot = os.path.join(tmp, 'bantin.pot')
        proc = subprocess.run(['xgettext', '--package-name=bantin', '-f',
                               os.path.join(root, 'po', 'POTFILES.in'), '-D', root,
                               '-o', pot] + XGETTEXT_ARGS,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True)
        if proc.returncode != 0:
            return ['xgettext failed on po/POTFILES.in:\n' + proc.stdout]

        wanted = entries(pot)
        if len(wanted) < 10:
            return ['xgettext found only %d messages: the extraction is broken' % len(wanted)]

        for po in pos:
            missing = sorted(wanted - entries(po), key=lambda k: (k[1], k[0] or ''))
            for ctxt, msgid in missing:
                errors.append('%s lacks %s"%s" (run the bantin-pot target and msgmerge)'
                              % (os.path.relpath(po, root),
                                 '' if ctxt is None else '[%s] ' % ctxt, msgid))
    return errors


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..'))

    for tool in ('msgfmt', 'msgattrib', 'xgettext'):
        if shutil.which(tool) is None:
            print('1..0 # SKIP %s (gettext) is not installed' % tool)
            return SKIP

    pos = [os.path.join(root, 'po', lang + '.po')
           for lang in read_list(os.path.join(root, 'po', 'LINGUAS'))
           for lang in lang.split()]

    errors = check_potfiles(root)
    for po in pos:
        errors += check_catalog(po)
    errors += check_merged(root, pos)

    for error in errors:
        print(error)
    if errors:
        print('po-check: %d problem(s)' % len(errors))
        return 1

    print('po-check: POTFILES.in complete; %s fully translated and merged'
          % ', '.join(os.path.relpath(po, root) for po in pos))
    return 0


if __name__ == '__main__':
    sys.exit(main())
