// npm run bench [-- --sizes 1000,10000,50000] : synthetic vaults from ../shared/bench/make-vault.mjs
// (cached in a temp folder), then one line per figure: `bench <notes> <figure> <value> <unit>`.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import { listNotes } from "../src/cli/vault-fs";
import { loadVaultFromDiskAsync } from "../src/cli/load";
import { parseIsoDay } from "../src/core/dates";
import { renderPage } from "../src/core/engine";
import type { VaultIndex } from "../src/core/vault-index";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "..");
const makeVault =
  [process.env.CUSTOMER_PAGES_SHARED, resolve(root, "..", "shared"), "/work/shared"]
    .filter((d): d is string => d !== undefined && d !== "")
    .map((d) => resolve(d, "bench", "make-vault.mjs"))
    .find((f) => existsSync(f)) ?? resolve(root, "..", "shared", "bench", "make-vault.mjs");
const args = process.argv.slice(2);
const sizesArg = args.indexOf("--sizes");
const sizes = (sizesArg >= 0 ? args[sizesArg + 1]! : "1000,10000,50000").split(",").map((s) => Number(s));
const today = parseIsoDay("2026-01-01")!;

function line(notes: number, figure: string, value: number, unit: string): void {
  // update_ms is under a millisecond at every size: one decimal would round it by up to a fifth.
  const decimals = figure.startsWith("ratio") || figure === "update_ms" ? 2 : 1;
  process.stdout.write(`bench ${notes} ${figure} ${Number.isInteger(value) ? value : value.toFixed(decimals)} ${unit}\n`.replace(/ \n$/, "\n"));
}

function vaultFor(n: number): string {
  const dir = join(tmpdir(), "customer-pages-bench", `vault-${n}`);
  if (!existsSync(join(dir, ".complete"))) {
    execFileSync(process.execPath, [makeVault, "--out", dir, "--notes", String(n), "--seed", "1"], { stdio: "inherit" });
    execFileSync("touch", [join(dir, ".complete")]);
  }
  return dir;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Every customer page's text as it is on disk, then the time to render them all (in memory), in ms. */
function renderAll(index: VaultIndex, vault: string): { pageText: Map<string, string>; ms: number } {
  const customers = index.customerPaths();
  const pageText = new Map(customers.map((c) => [c, readFileSync(join(vault, c), "utf8")]));
  const t = performance.now();
  for (const c of customers) renderPage(index, c, pageText.get(c)!, today);
  return { pageText, ms: performance.now() - t };
}

/** Loads the vault with the CLI's parse cache and renders every page: the times, in ms. */
async function cachedRun(vault: string, cache: string): Promise<{ index: number; regen: number }> {
  const t = performance.now();
  const { index } = await loadVaultFromDiskAsync(vault, null, [], { cache });
  const indexMs = performance.now() - t;
  return { index: indexMs, regen: renderAll(index, vault).ms };
}

/** cachedRun in a new process, as a CLI run with `--cache` is: nothing compiled yet. */
function cachedRunCold(vault: string, cache: string): { index: number; regen: number } {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--cached-run", vault, cache], { encoding: "utf8" });
  return JSON.parse(out) as { index: number; regen: number };
}

async function main(): Promise<void> {
  const child = args.indexOf("--cached-run");
  if (child >= 0) {
    process.stdout.write(JSON.stringify(await cachedRun(args[child + 1]!, args[child + 2]!)));
    return;
  }
  for (const n of sizes) {
    const vault = vaultFor(n);
    gc();

    // The I/O floor: read every note and run one wikilink regex over it. The files are read once
    // untimed first, so that the floor and the index both read from the page cache (this VM evicts
    // it between runs, and a cold floor of seconds made the ratio meaningless); median of three.
    const floorOnce = (): number => {
      const t0 = performance.now();
      let links = 0;
      for (const p of listNotes(vault)) {
        const text = readFileSync(join(vault, p), "utf8");
        const m = text.match(/\[\[([^\]]+)\]\]/g);
        if (m) links += m.length;
      }
      if (links < 0) throw new Error("unreachable");
      return performance.now() - t0;
    };
    floorOnce();
    const floor = median([floorOnce(), floorOnce(), floorOnce()]);
    gc();

    let t: number;

    t = performance.now();
    // The CLI's path: worker threads read and parse the notes when the vault is big enough.
    const { index } = await loadVaultFromDiskAsync(vault, null, []);
    const indexMs = performance.now() - t;
    // What only changes read, made as the plugin makes it after its build (the CLI never needs it):
    // not part of index_ms, but of the heap the plugin holds and ready before the edits below.
    for (const steps = index.prepareUpdatesSteps(); steps.next().done !== true; );
    gc();
    const heap = process.memoryUsage().heapUsed / 1048576;

    const { pageText, ms: regenAll } = renderAll(index, vault);

    // Refresh on save: edit a meeting, update the index, recompute the pages it affects.
    const meetings = [...index.notes.values()].filter((x) => x.kind === "meeting" || x.kind === "note").map((x) => x.path);
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const path = meetings[Math.floor(rand() * meetings.length)]!;
      const text = readFileSync(join(vault, path), "utf8") + `\n- [ ] Follow up ${i}\n`;
      const s = performance.now();
      const { affected } = index.set(path, text);
      for (const c of affected) renderPage(index, c, pageText.get(c)!, today);
      times.push(performance.now() - s);
    }

    line(n, "floor_ms", Math.round(floor), "ms");
    line(n, "index_ms", Math.round(indexMs), "ms");
    line(n, "regen_all_ms", Math.round(regenAll), "ms");
    line(n, "update_ms", median(times), "ms");
    line(n, "heap_mb", Math.round(heap), "MB");

    // A later CLI run with --cache over the unchanged vault: the first run writes the cache.
    const cache = join(tmpdir(), "customer-pages-bench", `cache-${n}.json`);
    rmSync(cache, { force: true });
    cachedRunCold(vault, cache);
    const cached = cachedRunCold(vault, cache);
    rmSync(cache, { force: true });
    line(n, "index_cached_ms", Math.round(cached.index), "ms");
    line(n, "regen_cached_ms", Math.round(cached.regen), "ms");
    line(n, "ratio_cached", (cached.index + cached.regen) / floor, "");
    process.stdout.write(`bench ${n} ratio ${((indexMs + regenAll) / floor).toFixed(2)}\n`);
  }
}

// This bundle is also the parse workers' code (src/cli/parse-pool.ts): only the main thread benches.
if (isMainThread) void main();
