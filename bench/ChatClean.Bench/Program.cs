using ChatClean.Bench;

// ./bench/run.sh [scenario…] [--quick]: runs the named scenarios (all by default; with --quick the short ones, well
// under a minute), prints every figure beside its same-run baseline, and writes bench/results/<utc>.json.
return await BenchProgram.RunAsync(args);
