#!/usr/bin/env python3
"""GradStep's benchmarks, and with --python (or PYTHON=...) the same workloads under
CPython + PyTorch, measured alternately in the same run; prints the issue's targets table.

    scripts/bench.py [--python PYTHON] [--runs N] [--openblas-threads]

Standard library only: the project never depends on PyTorch. Run by `make bench` after a
release build of `gradstep` and `GradStepBench`.

Whole-process figures come from wait4() on each child: wall time around it, CPU time
(user + system, all threads) and peak resident memory (ru_maxrss). Each workload runs
`--runs` times per side, A and B alternating (and the order swapped every other round so
neither side always runs second); the tables show medians.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("GRADSTEP_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
GRADSTEP = os.path.join(ROOT, ".build", "release", "gradstep")
BENCH = os.path.join(ROOT, ".build", "release", "GradStepBench")
TORCH_OPS = os.path.join(ROOT, "scripts", "bench", "torch_ops.py")
TIMEOUT = 600


class Child:
    """One finished child process: wall seconds, CPU seconds, peak RSS in MiB, output."""

    def __init__(self, wall, cpu, rss, rc, out):
        self.wall, self.cpu, self.rss, self.rc, self.out = wall, cpu, rss, rc, out


def run_child(argv, cwd, env):
    """Runs argv in its own process group, killed as a group after TIMEOUT seconds."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)

        def kill():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(TIMEOUT, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            kill()  # anything the child left behind in its group
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def base_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    env.update(extra)
    return env


def median(values):
    return statistics.median(values) if values else float("nan")


def step_us(text):
    """The µs per step train_digits.py prints."""
    for line in text.splitlines():
        if "microseconds per step" in line:
            return float(line.rsplit(" ", 1)[-1])
    return float("nan")


class Program:
    """A script run whole by `gradstep run` and, when given, by PYTHON."""

    def __init__(self, name, path, python_env=None):
        self.name, self.path = name, path
        self.python_env = python_env or {}
        self.runs = {"gradstep": [], "python": []}


def programs():
    found = [Program("train_digits", os.path.join(SHARED, "bench", "train_digits.py"),
                     {"OMP_NUM_THREADS": "1"}),
             Program("interp_pure_python", os.path.join(SHARED, "bench", "interp_pure_python.py"))]
    folder = os.path.join(SHARED, "reference", "programs")
    for file in sorted(os.listdir(folder)):
        if file.endswith(".py"):
            found.append(Program(file[:-3], os.path.join(folder, file)))
    return found


def run_programs(progs, python, runs, workdir, log):
    for round_ in range(runs):
        for prog in progs:
            sides = [("gradstep", [GRADSTEP, "run", prog.path], base_env())]
            if python:
                sides.append(("python", [python, prog.path], base_env(**prog.python_env)))
            if round_ % 2:
                sides.reverse()
            for side, argv, env in sides:
                child = run_child(argv, workdir, env)
                if child.rc != 0 and not prog.name.startswith("p"):
                    log(f"  {prog.name} under {side} exited {child.rc}: {child.out.strip()[-300:]}")
                prog.runs[side].append(child)
        log(f"  round {round_ + 1}/{runs} done")


def run_micro(python, runs, log):
    """GradStepBench --tsv and torch_ops.py alternately; medians per figure name."""
    mine, theirs, labels = {}, {}, {}

    def collect(text, into):
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) == 5:
                name, value, unit, clock, label = parts
                into.setdefault(name, []).append(float(value))
                labels.setdefault(name, (label, unit, clock))
            elif line.strip():
                log("  " + line)

    for round_ in range(runs):
        sides = [("gradstep", [BENCH, "--tsv"], base_env(), mine)]
        if python:
            sides.append(("python", [python, TORCH_OPS], base_env(), theirs))
        if round_ % 2:
            sides.reverse()
        for side, argv, env, into in sides:
            child = run_child(argv, ROOT, env)
            if child.rc != 0:
                log(f"  {side} micro benchmarks exited {child.rc}")
            collect(child.out, into)
        log(f"  round {round_ + 1}/{runs} done")
    return ({k: median(v) for k, v in mine.items()}, {k: median(v) for k, v in theirs.items()}, labels)


def fmt(value, digits=0):
    if value != value:  # NaN
        return "—"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    return a / b if b and b == b and a == a else float("nan")


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=os.environ.get("PYTHON") or None)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or "5"))
    parser.add_argument("--openblas-threads", action="store_true",
                        help="also run p01..p15 with and without OPENBLAS_NUM_THREADS=1")
    args = parser.parse_args()
    python = args.python
    log = lambda text: print(text, file=sys.stderr, flush=True)
    for path in (GRADSTEP, BENCH):
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is missing: build in release first (make bench does)")

    load = os.getloadavg()
    print(f"# GradStep benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"# {args.runs} runs per side" + (f", alternating with {python}" if python else ""))
    print()

    workdir = tempfile.mkdtemp(prefix="gradstep-bench-")
    try:
        shutil.copy(os.path.join(SHARED, "data", "digits.csv"), workdir)
        log("micro benchmarks (GradStepBench" + (", torch_ops.py" if python else "") + ")")
        mine, theirs, labels = run_micro(python, args.runs, log)
        progs = programs()
        log("whole programs")
        run_programs(progs, python, args.runs, workdir, log)
        blas = None
        if args.openblas_threads:
            log("whole programs with OPENBLAS_NUM_THREADS=1 against the default")
            blas = openblas_experiment([p for p in progs if p.name[:1] == "p"], args.runs, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report_micro(mine, theirs, labels, python)
    report_programs(progs, python)
    if blas:
        report_openblas(blas)
    report_targets(progs, mine, theirs, labels, python)
    print()
    print(f"# load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not python:
        print("# GradStep alone. For ratios against CPython + PyTorch, measured in the same run:")
        print("#     make bench PYTHON=/path/to/venv/bin/python   (a Python that has torch 2.x)")


def report_micro(mine, theirs, labels, python):
    print("## Micro benchmarks (median of runs; each run: median of 5 chunks of ≥ 40 ms)")
    print()
    header = ["measure", "clock", "GradStep"] + (["PyTorch", "GradStep ÷ PyTorch"] if python else [])
    rows = []
    for name, value in mine.items():
        label, unit, clock = labels[name]
        row = [label, clock, f"{fmt(value, 1 if unit == 'GFLOP/s' else 0)} {unit}"]
        if python:
            other = theirs.get(name, float("nan"))
            row += [f"{fmt(other, 1 if unit == 'GFLOP/s' else 0)} {unit}" if other == other else "—",
                    fmt(ratio(value, other), 2)]
        rows.append(row)
    print_table(header, rows)
    print()


def failure(runs):
    """The first non-zero exit status among a side's runs, or None when every run succeeded."""
    return next((c.rc for c in runs if c.rc != 0), None)


def program_failed(p, python):
    """True when either side of a program exited with an error: its timings measure nothing."""
    return failure(p.runs["gradstep"]) is not None or (python and failure(p.runs["python"]) is not None)


def report_programs(progs, python):
    print("## Whole process (medians; CPU = user + system of every thread; peak RSS from wait4)")
    print()
    header = ["program", "GradStep wall ms", "CPU ms", "RSS MiB"]
    if python:
        header += ["Python wall ms", "CPU ms", "RSS MiB", "wall ÷", "CPU ÷", "RSS ÷"]
    rows = []
    for p in progs:
        g, q = p.runs["gradstep"], p.runs["python"]
        gw, gc, gr = (median([c.wall for c in g]) * 1000, median([c.cpu for c in g]) * 1000,
                      median([c.rss for c in g]))
        name = p.name
        for side, runs in (("GradStep", g), ("Python", q)):
            status = failure(runs)
            if status is not None:
                name += f" ({side} exited {status})"
        row = [name, fmt(gw), fmt(gc), fmt(gr, 1)]
        if python:
            qw, qc, qr = (median([c.wall for c in q]) * 1000, median([c.cpu for c in q]) * 1000,
                          median([c.rss for c in q]))
            row += [fmt(qw), fmt(qc), fmt(qr, 1), fmt(ratio(gw, qw), 3), fmt(ratio(gc, qc), 3),
                    fmt(ratio(gr, qr), 3)]
        rows.append(row)
        if p.name == "train_digits":
            steps = [step_us(c.out) for c in g]
            line = f"train_digits.py µs per step (printed by the program): GradStep {fmt(median(steps))}"
            if python:
                line += f", PyTorch (OMP_NUM_THREADS=1) {fmt(median([step_us(c.out) for c in q]))}"
            train_line = line
    print_table(header, rows)
    print()
    print(train_line)
    print()


def openblas_experiment(progs, runs, workdir):
    """p01..p15 under gradstep, default OpenBLAS threads against one thread, alternating."""
    results = {p.name: {"default": [], "one": []} for p in progs}
    for round_ in range(runs):
        for p in progs:
            sides = [("default", base_env()), ("one", base_env(OPENBLAS_NUM_THREADS="1"))]
            if round_ % 2:
                sides.reverse()
            for side, env in sides:
                results[p.name][side].append(run_child([GRADSTEP, "run", p.path], workdir, env))
    return results


def report_openblas(results):
    print("## OpenBLAS threads: `gradstep run` with the default against OPENBLAS_NUM_THREADS=1 (medians)")
    print()
    rows = []
    sums = [0.0] * 4
    for name, sides in results.items():
        dw = median([c.wall for c in sides["default"]]) * 1000
        dc = median([c.cpu for c in sides["default"]]) * 1000
        ow = median([c.wall for c in sides["one"]]) * 1000
        oc = median([c.cpu for c in sides["one"]]) * 1000
        for i, v in enumerate((dw, dc, ow, oc)):
            sums[i] += v
        rows.append([name, fmt(dw), fmt(dc), fmt(ow), fmt(oc)])
    rows.append(["total", *(fmt(v) for v in sums)])
    print_table(["program", "default wall ms", "default CPU ms", "1 thread wall ms", "1 thread CPU ms"], rows)
    print()


def report_targets(progs, mine, theirs, labels, python):
    print("## Targets (issue 9)")
    print()
    by_name = {p.name: p for p in progs}
    rows = []

    def side(p, key, field):
        return median([getattr(c, field) for c in p.runs[key]])

    def add(measure, clock, value, target, ok, shown=None):
        mark = "—" if value != value else ("✓" if ok(value) else "✗")
        rows.append([measure, clock, shown if shown is not None else fmt(value, 3), target, mark])

    nan = float("nan")
    train = by_name["train_digits"]
    if python:
        g = median([step_us(c.out) for c in train.runs["gradstep"]])
        q = median([step_us(c.out) for c in train.runs["python"]])
        add("train step, train_digits.py, GradStep ÷ PyTorch (OMP_NUM_THREADS=1)", "wall (in-program perf_counter)",
            ratio(g, q), "≤ 0.5", lambda v: v <= 0.5, f"{ratio(g, q):.3f} ({fmt(g)} / {fmt(q)} µs)")
        refs = [p for p in progs if p.name[:1] == "p" and not program_failed(p, python)]
        failed = [p.name for p in progs if p.name[:1] == "p" and program_failed(p, python)]
        for field, clock in (("cpu", "CPU (user+sys)"), ("wall", "wall")):
            ratios = [(ratio(side(p, "gradstep", field), side(p, "python", field)), p.name) for p in refs]
            if not ratios:
                add("whole process, each reference program, GradStep ÷ CPython+PyTorch", clock, float("nan"),
                    "≤ 0.05", lambda v: False, f"every program failed: {', '.join(failed)}")
                continue
            worst = max(ratios)
            passing = sum(1 for r, _ in ratios if r <= 0.05)
            add(f"whole process, each reference program, GradStep ÷ CPython+PyTorch", clock, worst[0], "≤ 0.05",
                lambda v: v <= 0.05,
                f"worst {worst[0]:.3f} ({worst[1]}); best {min(ratios)[0]:.3f}; {passing}/{len(ratios)} within"
                + (f"; failed, not counted: {', '.join(failed)}" if failed else ""))
        p15 = by_name.get("p15_training_digits")
        if p15 and not program_failed(p15, python):
            g, q = side(p15, "gradstep", "rss"), side(p15, "python", "rss")
            add("peak memory, p15_training_digits.py, GradStep ÷ PyTorch", "ru_maxrss", ratio(g, q), "≤ 0.1",
                lambda v: v <= 0.1, f"{ratio(g, q):.3f} ({g:.0f} / {q:.0f} MiB)")
        interp = by_name["interp_pure_python"]
        for field, clock in (("cpu", "CPU (user+sys)"), ("wall", "wall")):
            g, q = side(interp, "gradstep", field), side(interp, "python", field)
            add("interp_pure_python.py, GradStep ÷ CPython", clock, ratio(g, q), "≤ 1.5", lambda v: v <= 1.5,
                f"{ratio(g, q):.3f} ({g:.2f} / {q:.2f} s)")
        for n in (256, 1024):
            for kind, clock in (("single", "CPU, 1 thread each"), ("threads", "wall, default threads")):
                name = f"sgemm.{n}.{kind}"
                r = ratio(mine.get(name, nan), theirs.get(name, nan))
                add(f"sgemm {n}² float32, GradStep ÷ PyTorch (GFLOP/s)", clock, r, "≥ 0.9", lambda v: v >= 0.9,
                    f"{r:.3f} ({fmt(mine.get(name, nan), 1)} / {fmt(theirs.get(name, nan), 1)})")
    for name, measure, limit in (("graph.lesson_png", "lesson graph (≤100 nodes) to PNG", 100),
                                 ("graph.svg_2000", "2000 nodes to SVG", 3000),
                                 ("graph.svg_2000_grads", "2000 nodes with gradient labels to SVG", 3000),
                                 ("debugger.startup", "start to first debugger prompt", 150),
                                 ("debugger.next", "one `next`", 20)):
        v = mine.get(name, nan)
        clock = labels.get(name, ("", "", "wall"))[2]
        clock = {"cpu": "CPU (thread)"}.get(clock, clock)
        add(measure, clock, v, f"≤ {limit} ms", lambda v, limit=limit: v <= limit,
            "not measured" if v != v else f"{v:.1f} ms")
    print_table(["measure", "clock", "measured", "target", ""], rows)
    if not python:
        print("(ratio rows need PYTHON=...)")


if __name__ == "__main__":
    main()
