#!/usr/bin/env bash
# Runs the bundled Python library (Sources/Torch/Library) on top of real PyTorch and
# scikit-learn, and compares it with theirs: optimizers, schedulers, module init, repr and
# state_dict, data loading order, metrics. Needs a Python with torch, scikit-learn and
# safetensors installed (a scratch venv; the project never depends on it).
#   scripts/library-parity/run.sh /path/to/venv/bin/python
set -euo pipefail
python=${1:?usage: run.sh PYTHON_WITH_TORCH}
here=$(cd "$(dirname "$0")" && pwd)
library="$here/../../Sources/Torch/Library"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$library/torch" "$work/gst"
cp -r "$library/sklearn" "$work/gsk"
rm -f "$work/gst/__init__.py"
touch "$work/gst/__init__.py" "$work/gst/nn/__init__.py" "$work/gst/utils/__init__.py"
# The library's own modules are renamed so that they load beside the real torch.
find "$work" -name '*.py' -print0 | xargs -0 sed -i -E \
  's/torch\.nn\.modules/gst.nn.modules/g; s/from torch\.nn import init/from gst.nn import init/;
   s/torch\.optim/gst.optim/g; s/torch\.utils\.data/gst.utils.data/g;
   s/from torch\.nn\.utils\./from gst.nn.utils./; s/sklearn\.metrics/gsk.metrics/g'
cp "$here"/check_*.py "$work/"
cd "$work"
status=0
for check in check_*.py; do
  echo "== $check"
  out=$("$python" -W ignore "$check")
  echo "$out"
  if echo "$out" | grep -qE ' False|MISMATCH'; then status=1; fi
done
exit $status
