#!/usr/bin/env bash
# Regenerates the expected output of Tests/TorchTests/Programs/*.py with real PyTorch,
# scikit-learn and Lightning: NAME.out (stdout), NAME.err (last stderr line when the program
# fails) and NAME.rc (exit status). Needs a Python with those packages (a scratch venv; the
# project never depends on it):
#   scripts/regen-torch-expected.sh /path/to/venv/bin/python
set -euo pipefail
python=${1:?usage: regen-torch-expected.sh PYTHON_WITH_TORCH}
cd "$(dirname "$0")/../Tests/TorchTests/Programs"
for program in *.py; do
  name=${program%.py}
  work=$(mktemp -d)
  cp "$program" "$work/"
  cp ../Reference/digits.csv "$work/"
  set +e
  (cd "$work" && OMP_NUM_THREADS=1 "$python" "$program" > out.txt 2> err.txt)
  rc=$?
  set -e
  cp "$work/out.txt" "$name.out"
  echo "$rc" > "$name.rc"
  if [ "$rc" -ne 0 ]; then
    grep -v '^\s*$' "$work/err.txt" | tail -n 1 > "$name.err"
  else
    rm -f "$name.err"
  fi
  rm -rf "$work"
  echo "$name: exit $rc"
done
