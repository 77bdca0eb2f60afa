#!/usr/bin/env python3
"""Counts individual test cases across meson's test logs.

meson's own summary counts test executables; CI wants the cases inside them,
which the TAP streams in meson-logs/testlog.json carry. An executable that
crashed or timed out without reporting a failing case counts as one failure.
Prints 'N passed, N failed, N skipped' as its last line.
"""
import json
import re
import sys

OK = re.compile(r'^ok\s+\d+')
NOT_OK = re.compile(r'^not ok\s+\d+')
SKIP = re.compile(r'#\s*skip', re.IGNORECASE)

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8', errors='replace') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            p = f = s = 0
            for out in (entry.get('stdout') or '').splitlines():
                out = out.strip()
                if NOT_OK.match(out):
                    if re.search(r'#\s*TODO', out, re.IGNORECASE):
                        s += 1
                    else:
                        f += 1
                elif OK.match(out):
                    if SKIP.search(out):
                        s += 1
                    else:
                        p += 1
                elif out.startswith('1..0') and SKIP.search(out):
                    s += 1
            result = entry.get('result', '')
            if p + f + s == 0 and not entry.get('stdout', '').lstrip().startswith('TAP'):
                # A plain exit-code test (a validator): one case.
                if result == 'OK':
                    p = 1
                elif result == 'SKIP':
                    s = 1
            if result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and f == 0:
                f = 1
                print(f"{entry.get('name')}: {result} without a failing case", file=sys.stderr)
            passed += p
            failed += f
            skipped += s

print(f'{passed} passed, {failed} failed, {skipped} skipped')
