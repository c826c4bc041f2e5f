// Running the built CLI as a real process without blocking the test worker, with a bound on its CPU
// time, and a few checks every hostile test makes. The bound is on CPU time, not wall-clock time:
// other test files run CLI processes at the same time on a 2-core machine, and a linear run that
// took 2 s alone was seen to take over 10 s of wall-clock time then. A process still running after
// WALL_FACTOR times the bound is killed (a hang uses no CPU, and must end too).
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { changedPaths, type FileState } from "../cli/cli-helpers";

export interface TimedResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  errLines: string[];
  warnings: string[];
  ms: number;
  /** CPU time of the process (every thread), from cpu-report.cjs; null when it did not report (killed). */
  cpuMs: number | null;
  timedOut: boolean;
}

const WALL_FACTOR = 4;
const CPU_REPORT = fileURLToPath(new URL("./cpu-report.cjs", import.meta.url));

let running = 0;
const waiting: Array<() => void> = [];
/** At most this many CLI processes at once (the machine's cores are shared with other test files). */
const MAX_PROCESSES = 3;

async function slot(): Promise<() => void> {
  if (running >= MAX_PROCESSES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

export async function runCliTimed(cli: string, args: readonly string[], boundMs: number): Promise<TimedResult> {
  const release = await slot();
  try {
    return await new Promise<TimedResult>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, ["-r", CPU_REPORT, cli, ...args], { cwd: tmpdir(), stdio: ["ignore", "pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const cpu: Buffer[] = [];
      child.stdout!.on("data", (b: Buffer) => out.push(b));
      child.stderr!.on("data", (b: Buffer) => err.push(b));
      (child.stdio[3] as NodeJS.ReadableStream).on("data", (b: Buffer) => cpu.push(b));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, boundMs * WALL_FACTOR);
      child.on("error", reject);
      child.on("close", (status, signal) => {
        clearTimeout(timer);
        const stderr = Buffer.concat(err).toString("utf8");
        const reported = Buffer.concat(cpu).toString("utf8").trim();
        const errLines = stderr.split(/\r?\n/).filter((l) => l !== "");
        resolve({
          status,
          signal,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr,
          errLines,
          warnings: errLines.filter((l) => l.startsWith("warning: ")),
          ms: performance.now() - started,
          cpuMs: reported === "" ? null : Number(reported),
          timedOut,
        });
      });
    });
  } finally {
    release();
  }
}

/** Exit 0 within the bound (of CPU time), no crash, nothing on stderr but warning lines. */
export function expectCleanRun(r: TimedResult, boundMs: number): void {
  expect(r.timedOut, `still running after ${boundMs * WALL_FACTOR} ms (killed)`).toBe(false);
  const fatal = r.errLines.find((l) => /FATAL|RangeError|Error:/.test(l)) ?? r.stderr.slice(0, 300);
  expect(r.signal, `killed by ${r.signal}: ${fatal}`).toBeNull();
  expect(r.status, `exit ${r.status}: ${r.stderr.slice(0, 500)}`).toBe(0);
  expect(r.errLines.filter((l) => !l.startsWith("warning: "))).toEqual([]);
  expect(r.cpuMs, "no CPU time reported").not.toBeNull();
  expect(r.cpuMs!, `${Math.round(r.cpuMs!)} ms of CPU time (${Math.round(r.ms)} ms of wall-clock time)`).toBeLessThan(boundMs);
}

/** Only these files changed between the two snapshots (customer pages and write-back sources). */
export function expectOnlyChanged(before: Map<string, FileState>, after: Map<string, FileState>, allowed: readonly string[]): void {
  const changed = changedPaths(before, after);
  expect(changed.filter((p) => !allowed.includes(p))).toEqual([]);
}

/** The lines of a warning about `file`. */
export function warningsAbout(r: TimedResult, file: string): string[] {
  return r.warnings.filter((w) => w.startsWith(`warning: ${file}: `));
}
