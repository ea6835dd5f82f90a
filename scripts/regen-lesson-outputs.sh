#!/usr/bin/env bash
# Regenerates lessons/expected/NAME.out: what each lesson prints under CPython with real
# PyTorch 2.15, scikit-learn and Lightning. Each lesson runs in a scratch copy of lessons/
# (so lessonlib finds data/digits.csv and files a lesson writes, such as submission.csv or
# a checkpoint, never land in the repository). Needs a Python with those packages (a scratch
# venv; the project never depends on it):
#   scripts/regen-lesson-outputs.sh /path/to/venv/bin/python [LESSON.py ...]
set -euo pipefail
python=${1:?usage: regen-lesson-outputs.sh PYTHON_WITH_TORCH [LESSON.py ...]}
shift
lessons_dir="$(cd "$(dirname "$0")/../lessons" && pwd)"
mkdir -p "$lessons_dir/expected"
if [ "$#" -eq 0 ]; then
  set -- $(cd "$lessons_dir" && ls [0-9][0-9]_*.py)
fi
for lesson in "$@"; do
  lesson=$(basename "$lesson")
  name=${lesson%.py}
  work=$(mktemp -d)
  cp "$lessons_dir"/*.py "$work/"
  cp -r "$lessons_dir/data" "$work/"
  set +e
  (cd "$work" && OMP_NUM_THREADS=1 "$python" "$lesson" > out.txt 2> err.txt)
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "$name: exit $rc" >&2
    tail -n 5 "$work/err.txt" >&2
    rm -rf "$work"
    exit 1
  fi
  cp "$work/out.txt" "$lessons_dir/expected/$name.out"
  rm -rf "$work"
  echo "$name: ok"
done
