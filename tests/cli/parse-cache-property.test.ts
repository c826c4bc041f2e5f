// The parse cache (src/cli/parse-cache.ts) never shows a stale note: after any sequence of writes,
// deletes and renames of real files in a vault on disk, loading with the cache gives the index that
// loading without it gives — every page, the link graph and the warnings — whether the cache was
// rewritten after the last change or still holds older notes. Customers come and go in the
// sequences, so the customer names mentions are matched against change under cached notes.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadVaultFromDiskAsync } from "../../src/cli/load";
import { openCache } from "../../src/cli/parse-cache";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import type { VaultIndex, Warning } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const PATHS = [
  "Customers/Acme.md",
  "Customers/Globex.md",
  "People/Ann Lee.md",
  "People/Bob.md",
  "Projects/P.md",
  "Meetings/2025-10-01 A.md",
  "Meetings/2025-10-02 Globex sync.md",
  "Daily/2025-10-03.md",
  "Notes/N.md",
  "Templates/T.md",
];
const BODIES = [
  '---\ntype: person\ncompany: "[[Acme]]"\nrole: Eng\naliases: [Ann]\n---\n',
  "---\ntype: person\ncompany: Globex\nrole: PM\n---\n",
  "---\ntype: customer\naliases: [Glo, Initech Corp]\n---\n## Key Facts\n",
  "---\ntype: customer\ncontacts: [Bob]\n---\n",
  "---\ntype: meeting\n---\nWith [[Ann Lee]] and [[Bob]] about [[Acme]].\n## Key Facts\n- fact one\n",
  "Met Ann from Globex and Initech Corp.\n- [ ] task [[Acme]]\n",
  "Glo and Acme, both named.\n## Decisions\n- d1 for Globex\n",
  '---\ntype: project\ncustomer: "[[Globex]]"\n---\n',
  "---\ntype: note\n---\n[[P]] [[Bob]] mentions Acme\n",
  new Uint8Array([0x5b, 0x5b, 0x41, 0x63, 0x6d, 0x65, 0x5d, 0x5d, 0x20, 0xff, 0x0a]), // "[[Acme]] " and a byte that is no UTF-8
  "",
];
/** Every file gets this modification time: a change must be seen without it. */
const MTIME = new Date("2001-02-03T04:05:06Z");

type Op = ["write", number, number] | ["touch", number, number] | ["delete", number, number] | ["rename", number, number];

function file(vault: string, path: string): string {
  return join(vault, ...path.split("/"));
}

/** What a run shows: every page, the link graph and every warning. */
function outcome(index: VaultIndex, warnings: readonly Warning[], vault: string): string {
  const pages = index.customerPaths().map((c) => [c, renderPage(index, c, readFileSync(file(vault, c), "utf8"), TODAY).text]);
  return JSON.stringify({ pages, links: index.linkGraph(), warnings: [...warnings, ...index.warnings()] });
}

async function load(vault: string, cache?: string): Promise<string> {
  const warnings: Warning[] = [];
  const { index } = await loadVaultFromDiskAsync(vault, null, warnings, cache === undefined ? { workers: 0 } : { cache });
  return outcome(index, warnings, vault);
}

/** The change time of the file last at each path, as a change left it. */
const lastChange = new Map<string, bigint>();

function changeTime(path: string): bigint | undefined {
  try {
    return statSync(path, { bigint: true }).ctimeNs;
  } catch {
    return undefined;
  }
}

/**
 * Makes the change just made to `path` visible in its change time: later than that of any file
 * the path held before. With MTIME put back, the change time is all that tells a change (see
 * "touch"), and a file system with coarse times (one clock tick, 1–4 ms, on Linux before 6.13)
 * gives a second change within the tick the first one's change time. The changes here come as
 * little as 1.5 ms apart, a cache run between them (300 runs measured): without this, such a
 * pair would make the cache look stale by chance. That limit is the cache's, not caught by its
 * 3 s rule, which looks at the modification time (docs/reliability.md, B33-F).
 */
function changed(path: string): void {
  const before = lastChange.get(path);
  for (;;) {
    const now = changeTime(path);
    if (now === undefined) return;
    if (before === undefined || now > before) {
      lastChange.set(path, now);
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    utimesSync(path, MTIME, MTIME);
  }
}

function apply(vault: string, [kind, a, b]: Op): void {
  const path = file(vault, PATHS[a]!);
  mkdirSync(dirname(path), { recursive: true });
  if (kind === "write") {
    writeFileSync(path, BODIES[b]!);
    utimesSync(path, MTIME, MTIME);
    changed(path);
  } else if (kind === "touch") {
    // Same size, same modification time, other bytes: only the change time tells.
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return;
    }
    if (bytes.length === 0) return;
    bytes[0] = bytes[0] === 0x78 ? 0x79 : 0x78;
    writeFileSync(path, bytes);
    utimesSync(path, MTIME, MTIME);
    changed(path);
  } else if (kind === "delete") {
    rmSync(path, { force: true });
  } else {
    const to = file(vault, PATHS[b]!);
    try {
      mkdirSync(dirname(to), { recursive: true });
      renameSync(path, to);
    } catch {
      // Nothing to rename.
    }
    changed(to);
  }
}

describe("a cache path that is not a regular file", () => {
  it("/dev/null reads as empty but is never taken for a damaged cache (which would be replaced)", () => {
    const warnings: Warning[] = [];
    const opened = openCache("/dev/null", "key", warnings);
    expect(opened.writable).toBe(false);
    expect(warnings).toEqual([{ file: "/dev/null", message: "is not a Customer Pages cache: not read, and not overwritten" }]);
  });
});

describe("loading with the parse cache", () => {
  it("gives what loading without it gives, after any changes to the files (property)", async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.tuple(fc.constant("write" as const), fc.nat(PATHS.length - 1), fc.nat(BODIES.length - 1)),
      fc.tuple(fc.constant("touch" as const), fc.nat(PATHS.length - 1), fc.constant(0)),
      fc.tuple(fc.constant("delete" as const), fc.nat(PATHS.length - 1), fc.constant(0)),
      fc.tuple(fc.constant("rename" as const), fc.nat(PATHS.length - 1), fc.nat(PATHS.length - 1)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const vault = realpathSync(mkdtempSync(join(tmpdir(), "cp-cache-prop-")));
        temps.push(vault);
        // Templates are excluded: link targets, never read, with the cache or without.
        mkdirSync(join(vault, ".obsidian"), { recursive: true });
        writeFileSync(join(vault, ".obsidian", "templates.json"), JSON.stringify({ folder: "Templates" }));
        const cache = join(vault, ".obsidian", "parse-cache.json");
        for (let k = 0; k < PATHS.length; k += 2) apply(vault, ["write", k, (k * 3) % BODIES.length]);
        // Notes that never change: with them, a change or two leaves the cache as it is (it is
        // rewritten once a twentieth of the notes changed), so both ways are taken.
        for (let k = 0; k < 40; k++) {
          mkdirSync(join(vault, "Filler"), { recursive: true });
          writeFileSync(join(vault, "Filler", `F${k}.md`), k % 2 === 0 ? `Filler ${k} names Acme and Glo.\n` : `[[Bob]] ${k}\n`);
          // Written long ago, as far as its modification time says: cached (a note written within
          // 3 s of a run is not).
          utimesSync(join(vault, "Filler", `F${k}.md`), MTIME, MTIME);
        }
        expect(await load(vault, cache)).toBe(await load(vault));
        for (const o of ops) {
          apply(vault, o);
          const plain = await load(vault);
          expect(await load(vault, cache), JSON.stringify(ops)).toBe(plain);
          // A second run over the same files: the same again.
          expect(await load(vault, cache), JSON.stringify(ops)).toBe(plain);
        }
        rmSync(vault, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});
