// Shared helpers for the end-to-end tests of the command-line tool: build it once per test file,
// run it as a real process, and write small vaults inline so that every test shows its input.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { copyVault, listFiles, ROOT } from "../helpers/vault";

const temps: string[] = [];

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the process that took a lock is still running (a lock whose owner is not known is). */
function ownerAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, "pid"), "utf8"));
  } catch {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Builds dist/cli.mjs with the project's own build (`node esbuild.config.mjs cli`) and returns a
 * private copy of it, so that a rebuild started by another test file cannot change the tool under
 * this file's feet. Builds are serialised with a lock folder, since test files run in parallel:
 * one per checkout (only builds into the same dist/ need it), holding its owner's pid. A lock is
 * taken over only when its owner is gone, never for its age: a lock judged stale by the clock
 * (older than 60 s, by Date.now against the folder's time) was taken from a build still running
 * whenever the test's clock ran ahead of the file system's or a build took that long, and the
 * owner's own removal then failed with ENOENT (seen with the clock set a year ahead).
 */
export function buildCli(): string {
  const lock = join(tmpdir(), `customer-pages-cli-tests.${createHash("sha1").update(ROOT).digest("hex").slice(0, 12)}.build-lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (!ownerAlive(lock)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 90_000) throw new Error(`could not take the build lock ${lock}: its owner is still running, or left no pid in it`);
      sleep(25);
    }
  }
  writeFileSync(join(lock, "pid"), String(process.pid));
  try {
    const r = spawnSync(process.execPath, ["esbuild.config.mjs", "cli"], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`building the CLI failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "cp-cli-bin-")));
    temps.push(dir);
    const cli = join(dir, "cli.mjs");
    copyFileSync(join(ROOT, "dist", "cli.mjs"), cli);
    return cli;
  } finally {
    rmSync(lock, { recursive: true });
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into its non-empty lines. */
  errLines: string[];
  /** stderr lines that are warnings (`warning: <path>: <message>`). */
  warnings: string[];
}

export function runCli(cli: string, args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: tmpdir(), timeout: 30_000 });
  if (r.error) throw r.error;
  const errLines = r.stderr.split(/\r?\n/).filter((l) => l !== "");
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    errLines,
    warnings: errLines.filter((l) => l.startsWith("warning: ")),
  };
}

export type VaultSpec = Record<string, string | Uint8Array>;

/** A fresh temporary vault holding exactly these files (vault-relative paths with `/`). */
export function makeVault(files: VaultSpec): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "cp-cli-vault-")));
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: VaultSpec): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, ...path.split("/"));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** A temporary copy of a vault on disk (never run the tool on the originals). */
export function copyOf(dir: string): string {
  const copy = realpathSync(copyVault(dir));
  temps.push(copy);
  return copy;
}

/** A temporary folder that is not a vault (for config files and the like). */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "cp-cli-tmp-")));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, ...path.split("/")), "utf8");
}

export function readBytes(dir: string, path: string): Buffer {
  return readFileSync(join(dir, ...path.split("/")));
}

export interface FileState {
  bytes: Buffer;
  mtimeMs: number;
}

/** Every file below the vault (dot-folders included), with its bytes and modification time. */
export function snapshot(dir: string): Map<string, FileState> {
  const out = new Map<string, FileState>();
  for (const p of listFiles(dir)) {
    const full = join(dir, ...p.split("/"));
    out.set(p, { bytes: readFileSync(full), mtimeMs: statSync(full).mtimeMs });
  }
  return out;
}

/** Every file below the folder (dot-folders included) and its bytes. */
export function fileBytes(dir: string, rel = ""): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of fileBytes(dir, p)) out.set(k, v);
    else out.set(p, readFileSync(join(dir, p)));
  }
  return out;
}

/** An old modification time, so that any rewrite of a file is visible in its mtime. */
export const OLD_TIME = new Date("2001-02-03T04:05:06Z");

/** Sets every file's mtime (and atime) to OLD_TIME. */
export function ageFiles(dir: string): void {
  for (const p of listFiles(dir)) utimesSync(join(dir, ...p.split("/")), OLD_TIME, OLD_TIME);
}

/** The paths whose bytes differ (or that appeared / disappeared) between two snapshots. */
export function changedPaths(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  const all = new Set([...before.keys(), ...after.keys()]);
  return [...all]
    .filter((p) => {
      const a = before.get(p);
      const b = after.get(p);
      return !a || !b || !a.bytes.equals(b.bytes);
    })
    .sort();
}

/** The paths whose mtime changed between two snapshots. */
export function touchedPaths(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  return [...before.keys()].filter((p) => after.has(p) && after.get(p)!.mtimeMs !== before.get(p)!.mtimeMs).sort();
}

/** Joins lines with LF and a final LF: expected page texts read like the page. */
export function lines(...ls: string[]): string {
  return ls.join("\n") + "\n";
}

export function crlf(text: string): string {
  return text.replace(/\n/g, "\r\n");
}

export { existsSync, listFiles };
