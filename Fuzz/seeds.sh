#!/bin/sh
# Prints the seed folders for one fuzz target: the project's own programs and fixtures
# (copied into .build-fuzz/seeds/TARGET) and the committed regression inputs.
set -e
target=$1
seeds=.build-fuzz/seeds/$target
rm -rf "$seeds"
mkdir -p "$seeds" "Fuzz/Regressions/$target"
case $target in
Parser|Interpreter)
    cp Tests/MiniPyTests/Programs/*.py Tests/TorchTests/Programs/*.py Tests/TorchTests/Reference/*.py \
        Tests/DebuggerTests/Transcripts/*.py "$seeds"/ ;;
Safetensors)
    find Tests -name '*.safetensors' -exec cp {} "$seeds"/ \; ;;
DOTLabel)
    # Labels as the graphs show them: op names, shapes, numbers, and the escaping test cases.
    i=0
    for text in 'AddmmBackward0' 'MseLossBackward0' 'weight\n(2, 3)' 'x "quoted" \\ & <b>' \
        'tensor([[ 0.1000, -2.0000]])' '\N\G\l\r' '&amp;&#92;' '€ ✓'; do
        i=$((i + 1)); printf '%s' "$text" > "$seeds/label$i"
    done ;;
DebuggerCommand)
    for f in Tests/DebuggerTests/Transcripts/*.commands; do
        tr ';' '\n' < "$f" > "$seeds/$(basename "$f")"
    done ;;
*)
    echo "unknown fuzz target $target" >&2; exit 1 ;;
esac
echo "$seeds Fuzz/Regressions/$target"
