// Loaded into the CLI (`node --import`) by tests/cli/signals.test.ts: sends the process real
// signals at chosen points of its run, so that no test guesses with the clock where one lands.
// CP_SIGNALS is a JSON list of { at, n, signal, path? } (or { at, n, path, text }, below):
//   at "rename": right after the n-th file renamed into the vault (the end of writeAtomic: the n-th
//                write), or, with `path`, the n-th rename onto that vault-relative path;
//   at "read":   as the n-th read of the vault-relative `path` begins (nothing of it read yet);
//   at "tmp":    right after the n-th temporary file (`….tmp`, writeAtomic's) is created, anywhere:
//                the `--cache` file's is the first, as the vault is read;
//   at "stdout": as the n-th write to stdout begins (nothing of it written yet).
// An entry with `text` in place of `signal` writes that text into `path` at that point instead, as
// another program (a sync client) would between two reads of the run.
// CP_SIGNALS_VAULT is the vault folder. On Linux a signal a thread sends its own process, unblocked
// there, is taken by that thread before kill() returns, so Node has it from that point on.
// CP_SIGNALS_STDIN=1: before the CLI runs, stdin is read to its end — the test closes its ends of
// the CLI's stdout and stderr first, and stdin then, so every write of the run meets a dead reader.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { isAbsolute, join, relative, sep } from "node:path";
import { isMainThread } from "node:worker_threads";

const plan = JSON.parse(process.env.CP_SIGNALS ?? "[]");
const vault = process.env.CP_SIGNALS_VAULT ?? "";

/** The vault-relative path (with `/`) of a file name, or null outside the vault. */
function inVault(file) {
  if (typeof file !== "string" || vault === "") return null;
  const rel = relative(vault, file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? null : rel.split(sep).join("/");
}

const counts = new Map();
function meet(at, path) {
  const key = `${at} ${path ?? ""}`;
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  for (const p of plan) {
    if (p.at !== at || p.n !== n || (p.path ?? null) !== path) continue;
    if (p.text !== undefined) fs.writeFileSync(join(vault, ...p.path.split("/")), p.text);
    else process.kill(process.pid, p.signal);
  }
}

if (isMainThread && process.env.CP_SIGNALS_STDIN === "1") fs.readFileSync(0);

if (isMainThread && plan.length > 0) {
  const { renameSync, readFileSync, openSync } = fs;
  fs.renameSync = function (from, to) {
    const r = renameSync.call(this, from, to);
    const rel = inVault(to);
    if (rel !== null) {
      meet("rename", null);
      meet("rename", rel);
    }
    return r;
  };
  fs.readFileSync = function (file, ...rest) {
    const rel = inVault(file);
    if (rel !== null) meet("read", rel);
    return readFileSync.call(this, file, ...rest);
  };
  fs.openSync = function (file, ...rest) {
    const fd = openSync.call(this, file, ...rest);
    if (typeof file === "string" && file.endsWith(".tmp")) meet("tmp", null);
    return fd;
  };
  const write = process.stdout.write;
  process.stdout.write = function (...args) {
    meet("stdout", null);
    return write.apply(this, args);
  };
  // The CLI imports them by name (`import { renameSync } from "node:fs"`): its bindings follow.
  syncBuiltinESMExports();
}
