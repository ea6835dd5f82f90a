#!/bin/sh
# Regenerates the expected results of the MiniPy conformance programs with CPython:
# Programs/NAME.out (stdout) and Programs/errors/NAME.err (last stderr line) + NAME.rc.
set -eu
cd "$(dirname "$0")/../Tests/MiniPyTests/Programs"
for f in *.py; do
    python3 "$f" > "${f%.py}.out"
done
cd errors
for f in *.py; do
    set +e
    python3 "$f" > /dev/null 2> "${f%.py}.stderr"
    rc=$?
    set -e
    echo "$rc" > "${f%.py}.rc"
    tail -n 1 "${f%.py}.stderr" > "${f%.py}.err"
    rm "${f%.py}.stderr"
done
