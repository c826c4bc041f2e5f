// A note deleted while a run reads the vault (in Obsidian, during a scheduled run) counts as deleted
// before the run, as a folder gone since its parent was listed does: on every read path — this
// thread, the read-ahead worker, parse workers, --cache. A note that is there but cannot be read
// still stops the run; an excluded note is never read. A preload (`node --require`, which worker threads run too) deletes the note,
// or fails its read with EIO, at the moment the tool reads it: no timing involved.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, fileBytes, lines, makeVault, read, removeTemps, tempDir, writeFiles, type VaultSpec } from "./cli-helpers";

let cli = "";
let hook = "";
beforeAll(() => {
  cli = buildCli();
  hook = join(tempDir(), "vanish.cjs");
  writeFileSync(
    hook,
    `const fs = require("node:fs");
const path = require("node:path");
const { syncBuiltinESMExports } = require("node:module");
const real = fs.readFileSync;
const move = process.env.CP_MOVE ? JSON.parse(process.env.CP_MOVE) : null;
let reads = 0;
fs.readFileSync = function (file, ...rest) {
  const p = String(file);
  if (process.env.CP_GONE && p.endsWith(process.env.CP_GONE) && fs.existsSync(p)) fs.unlinkSync(p);
  if (process.env.CP_EIO && p.endsWith(process.env.CP_EIO)) throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
  // Renamed (in Obsidian) at the moment the tool reads it for the nth time.
  if (move && p === move.from && ++reads === move.at && fs.existsSync(p)) {
    fs.mkdirSync(path.dirname(move.to), { recursive: true });
    fs.renameSync(p, move.to);
  }
  return real.call(this, file, ...rest);
};
const realDir = fs.readdirSync;
const dirMove = process.env.CP_MOVE_DIR ? JSON.parse(process.env.CP_MOVE_DIR) : null;
// A folder renamed or deleted right after its parent (the vault) was listed, before it is.
fs.readdirSync = function (dir, ...rest) {
  const out = realDir.call(this, dir, ...rest);
  if (dirMove && String(dir) === dirMove.after && fs.existsSync(dirMove.from)) {
    if (dirMove.to) fs.renameSync(dirMove.from, dirMove.to);
    else fs.rmSync(dirMove.from, { recursive: true });
  }
  return out;
};
syncBuiltinESMExports();
`,
  );
});
afterAll(removeTemps);

const TODAY = "2025-11-15";
const REVIEW = "Meetings/2025-11-02 - Acme review.md";
const files = (): VaultSpec => ({
  "Customers/Acme.md": lines("# Acme"),
  "Meetings/2025-11-01 - Acme call.md": lines("Call with [[Acme]].", "", "- [ ] send the deck"),
  [REVIEW]: lines("Review with [[Acme]].", "", "- [ ] renew the contract"),
  "Notes/Idea.md": lines("Acme could use this."),
});

/**
 * Ways the tool reads: this thread; read-ahead, its worker reading every file, or this thread
 * taking the (one) chunk first; two parse workers parsing every file, or this thread parsing it.
 */
const MODES: Array<[string, NodeJS.ProcessEnv]> = [
  ["this thread", { CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0" }],
  ["the read-ahead worker", { CUSTOMER_PAGES_READER: "all", CUSTOMER_PAGES_WORKERS: "0" }],
  ["read-ahead, this thread first", { CUSTOMER_PAGES_READER: "1", CUSTOMER_PAGES_WORKERS: "0" }],
  ["parse workers", { CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "2", CUSTOMER_PAGES_MAIN_PARSES: "0" }],
  ["parse workers, this thread first", { CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "2" }],
];

function run(vault: string, env: NodeJS.ProcessEnv, extra: readonly string[] = []) {
  const r = spawnSync(process.execPath, ["--require", hook, cli, "regenerate", "--vault", vault, "--today", TODAY, ...extra], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The pages as a run makes them when the note was deleted before it. */
function withoutReview(): Map<string, Buffer> {
  const { [REVIEW]: _gone, ...rest } = files();
  const vault = makeVault(rest);
  expect(run(vault, MODES[0]![1]).status).toBe(0);
  return fileBytes(vault);
}

const GONE_WARNING = lines(`warning: ${REVIEW}: gone since the vault was listed (deleted, renamed or moved during the run); left out of this run`);

describe("a note deleted while the run reads the vault is left out, as if deleted before it, and named", () => {
  for (const [name, env] of MODES) {
    it(name, () => {
      const vault = makeVault(files());
      const r = run(vault, { ...env, CP_GONE: REVIEW });
      // Said: it may have been renamed to a name the run could not find (the vault listed again had none).
      expect(r.stderr).toBe(GONE_WARNING);
      expect(r.status).toBe(0);
      expect(existsSync(join(vault, REVIEW))).toBe(false);
      expect(r.stdout).toBe(lines("updated Customers/Acme.md", "1 customer page(s): 1 updated, 0 unchanged; 1 warning(s)"));
      const page = read(vault, "Customers/Acme.md");
      expect(page).toContain("- [ ] send the deck ([[2025-11-01 - Acme call]])");
      expect(page).not.toContain("review");
      expect(page).not.toContain("renew");
      expect(fileBytes(vault)).toEqual(withoutReview());
    });
  }

  it("with --cache, parsed afresh", () => {
    const vault = makeVault(files());
    const cache = join(tempDir(), "cache.json");
    const r = run(vault, { ...MODES[0]![1], CP_GONE: REVIEW }, ["--cache", cache]);
    expect(r.stderr).toBe(GONE_WARNING);
    expect(r.status).toBe(0);
    expect(fileBytes(vault)).toEqual(withoutReview());
  });

  it("with --cache, taken from the cache and read again for names that changed: kept as the cache has it, then left out", () => {
    const vault = makeVault(files());
    const cache = join(tempDir(), "cache.json");
    ageFiles(vault);
    expect(run(vault, MODES[0]![1], ["--cache", cache]).status).toBe(0);
    expect(read(vault, "Customers/Acme.md")).toContain("renew the contract");
    // A new alias: every cached note's text is matched again, the deleted one's included.
    const page = read(vault, "Customers/Acme.md");
    expect(page.startsWith("---\nlast_contact: 2025-11-02\n---\n")).toBe(true);
    writeFiles(vault, { "Customers/Acme.md": page.replace("---\n", "---\naliases: [Acme Corp]\n") });
    const r = run(vault, { ...MODES[0]![1], CP_GONE: REVIEW }, ["--cache", cache]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(join(vault, REVIEW))).toBe(false);
    // Its cached parse was taken while it was there (its stamp).
    expect(read(vault, "Customers/Acme.md")).toContain("renew the contract");
    const again = run(vault, MODES[0]![1], ["--cache", cache]);
    expect(again.status).toBe(0);
    expect(read(vault, "Customers/Acme.md")).not.toContain("renew the contract");
  });
});

describe("a note that is there but cannot be read still stops the run, writing nothing", () => {
  for (const [name, env] of [...MODES, ["--cache", MODES[0]![1]] as const]) {
    it(String(name), () => {
      const vault = makeVault(files());
      const extra = name === "--cache" ? ["--cache", join(tempDir(), "cache.json")] : [];
      const r = run(vault, { ...env, CP_EIO: REVIEW }, extra);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("error: cannot read the vault: EIO: i/o error, read\n");
      expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
    });
  }
});

describe("an excluded note is never read, on any read path (a read of it would fail here)", () => {
  for (const [name, env] of [...MODES, ["--cache", MODES[0]![1]] as const]) {
    it(String(name), () => {
      const vault = makeVault({ ...files(), ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/"] }), "Archive/Old.md": lines("[[Acme]]") });
      const extra = name === "--cache" ? ["--cache", join(tempDir(), "cache.json")] : [];
      const r = run(vault, { ...env, CP_EIO: "Archive/Old.md" }, extra);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(read(vault, "Customers/Acme.md")).toContain("- [ ] renew the contract ([[2025-11-02 - Acme review]])");
    });
  }
});

const RENAMED = "Meetings/2025-11-02 - Acme renewal review.md";

/** The vault's files after a run on it with REVIEW renamed to RENAMED before the run. */
function renamedBefore(): Map<string, Buffer> {
  const { [REVIEW]: review, ...rest } = files();
  const vault = makeVault({ ...rest, [RENAMED]: review! });
  expect(run(vault, MODES[0]![1]).status).toBe(0);
  return fileBytes(vault);
}

describe("a note renamed while the run reads the vault (in Obsidian, during a scheduled run) is read under its new name", () => {
  for (const [name, env, extra] of [...MODES.map(([n, e]) => [n, e, []] as const), ["--cache", MODES[0]![1], ["--cache"]] as const]) {
    it(name, () => {
      const vault = makeVault(files());
      const args = extra.length === 0 ? [] : ["--cache", join(tempDir(), "cache.json")];
      // Renamed at the moment the tool first reads it: the listing has only its old name.
      const r = run(vault, { ...env, CP_MOVE: JSON.stringify({ from: join(vault, REVIEW), to: join(vault, RENAMED), at: 1 }) }, args);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(existsSync(join(vault, REVIEW))).toBe(false);
      expect(read(vault, "Customers/Acme.md")).toContain("- [ ] renew the contract ([[2025-11-02 - Acme renewal review]])");
      expect(fileBytes(vault)).toEqual(renamedBefore());
    });
  }

  it("a folder renamed after the vault's folder was listed and before it was: its notes read under the new name", () => {
    const vault = makeVault(files());
    const r = run(vault, { ...MODES[0]![1], CP_MOVE_DIR: JSON.stringify({ after: vault, from: join(vault, "Meetings"), to: join(vault, "Calls") }) });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(join(vault, "Meetings"))).toBe(false);
    expect(read(vault, "Customers/Acme.md")).toContain("- [ ] renew the contract ([[2025-11-02 - Acme review]])");
    const before = makeVault(Object.fromEntries(Object.entries(files()).map(([p, t]) => [p.replace(/^Meetings\//, "Calls/"), t])));
    expect(run(before, MODES[0]![1]).status).toBe(0);
    expect(fileBytes(vault)).toEqual(fileBytes(before));
  });

  it("a folder deleted then: named, its notes left out", () => {
    const vault = makeVault(files());
    const r = run(vault, { ...MODES[0]![1], CP_MOVE_DIR: JSON.stringify({ after: vault, from: join(vault, "Meetings"), to: null }) });
    expect(r.stderr).toBe(lines("warning: Meetings: gone since the vault was listed (deleted, renamed or moved during the run); left out of this run"));
    expect(r.status).toBe(0);
    expect(read(vault, "Customers/Acme.md")).not.toContain("Acme call");
  });

  it("the customer page itself, moved while the run reads the vault (into a folder of its own): regenerated where it went", () => {
    const vault = makeVault(files());
    const r = run(vault, { ...MODES[0]![1], CP_MOVE: JSON.stringify({ from: join(vault, "Customers/Acme.md"), to: join(vault, "Customers/Acme/Acme.md"), at: 1 }) });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(lines("updated Customers/Acme/Acme.md", "1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)"));
    expect(r.status).toBe(0);
    const page = read(vault, "Customers/Acme/Acme.md");
    expect(page).toContain("- [ ] send the deck ([[2025-11-01 - Acme call]])");
    expect(page).toContain("- [ ] renew the contract ([[2025-11-02 - Acme review]])");
  });

  it("the customer page renamed after the vault was read, when the round reads it: named, not regenerated", () => {
    const vault = makeVault(files());
    // Read 1: loading the vault; read 2: the round.
    const r = run(vault, { ...MODES[0]![1], CP_MOVE: JSON.stringify({ from: join(vault, "Customers/Acme.md"), to: join(vault, "Customers/Acme Corp.md"), at: 2 }) });
    expect(r.stderr).toBe(lines("warning: Customers/Acme.md: gone since the vault was read (deleted, renamed or moved during the run); not regenerated"));
    expect(r.stdout).toBe(lines("0 customer page(s): 0 updated, 0 unchanged; 1 warning(s)"));
    expect(r.status).toBe(0);
    expect(read(vault, "Customers/Acme Corp.md")).toBe(lines("# Acme"));
  });
});

describe("a customer page renamed after the round wrote its ticks back, before it wrote the page (B29-F)", () => {
  it("the warning says its ticks were written back (the next run meets them on the page where it went)", () => {
    const page = lines("# Acme", "", "## Open Tasks", "", "- [x] send the deck ([[2025-11-01 - Acme call]])");
    const CALL = "Meetings/2025-11-01 - Acme call.md";
    const vault = makeVault({ "Customers/Acme.md": page, [CALL]: lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] send the deck") });
    // Read 1: loading the vault; read 2: the round; read 3: the page's write, checking it is unchanged.
    const r = run(vault, { ...MODES[0]![1], CP_MOVE: JSON.stringify({ from: join(vault, "Customers/Acme.md"), to: join(vault, "Customers/Acme Corp.md"), at: 3 }) });
    expect(read(vault, CALL)).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck", "- [ ] send the deck"));
    expect(read(vault, "Customers/Acme Corp.md")).toBe(page);
    expect(r.stderr).toBe(
      lines(
        "warning: Customers/Acme.md: gone since the vault was read (deleted, renamed or moved during the run); not regenerated; its 1 tick(s) were written back first, and it shows them ticked until it is next regenerated",
      ),
    );
    expect(r.status).toBe(0);
  });
});

describe("a note holding a ticked task, renamed after the vault was read, when the round writes the tick back", () => {
  it("the tick stays on the page with a warning naming the note (it was dropped and rendered over); the next run writes it to the note under its new name", () => {
    const CALL = "Meetings/2025-11-01 - Acme call.md";
    const page = lines(
      "---",
      "last_contact: 2025-11-01",
      "---",
      "# Acme",
      "",
      "## Recent Context",
      "",
      "- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.",
      "",
      "## Open Tasks",
      "",
      "- [x] send the deck ([[2025-11-01 - Acme call]])",
      "",
      "## Account Status",
      "",
      "| Field | Value |",
      "|-------|-------|",
      "| **Last contact** | 2025-11-01 |",
    );
    const call = lines("Call with [[Acme]].", "", "- [ ] send the deck");
    const vault = makeVault({ "Customers/Acme.md": page, [CALL]: call });
    const moved = "Meetings/2025-11-01 - Acme kickoff call.md";
    // Read 1: loading the vault; read 2: the round, for the tick.
    const r = run(vault, { ...MODES[0]![1], CP_MOVE: JSON.stringify({ from: join(vault, CALL), to: join(vault, moved), at: 2 }) });
    expect(r.stderr).toBe(lines(`warning: ${CALL}: gone since it was read (deleted, renamed or moved meanwhile); 1 task(s) left unticked`));
    expect(r.status).toBe(0);
    // As it was: the tick kept, the note as the run read it (the next run sees it under its new name).
    expect(read(vault, "Customers/Acme.md")).toBe(page);
    expect(read(vault, moved)).toBe(call);
    const again = run(vault, MODES[0]![1]);
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(read(vault, moved)).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck"));
    expect(read(vault, "Customers/Acme.md")).not.toContain("send the deck");
    expect(read(vault, "Customers/Acme.md")).toContain("[[2025-11-01 - Acme kickoff call]]");
  });
});
