/** Runs the CLI in-process with stdout/stderr captured. */
import { main } from '../../pipelines/cli';

export async function runCli(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
}
