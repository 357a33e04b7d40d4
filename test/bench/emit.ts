/** One JSON object a line, the shape CONTRACT.md fixes for benchmarks. */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  vs: string;
  ratio: number | null;
}

export function emit(r: BenchResult): void {
  process.stdout.write(JSON.stringify(r) + '\n');
}
