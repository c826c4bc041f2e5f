// What the file system refuses (docs/reliability.md, B19): a folder or a settings file that cannot
// be read stops the run before anything is written; a page or note that cannot be written is a
// warning, the other pages go on, and the exit code is 3. Run as an unprivileged user when the
// tests run as root, since root reads and writes through any permission. The tests themselves read
// the vault (snapshot) only while nothing in it is closed to them: run as that user, they could not.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli, snapshot, changedPaths, writeFiles, type VaultSpec } from "./cli-helpers";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let cli: string;
beforeAll(() => {
  cli = buildCli();
  chmodSync(dirname(cli), 0o755);
});
afterAll(() => {
  removeTemps();
});

/** The vault, owned by the user the CLI runs as. */
function vaultOf(files: VaultSpec): string {
  const vault = makeVault(files);
  if (asRoot) {
    const own = (p: string): void => {
      chownSync(p, NOBODY, NOBODY);
      if (statSync(p).isDirectory()) for (const e of readdirSync(p)) own(join(p, e));
    };
    own(vault);
  }
  return vault;
}

function run(args: readonly string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    cwd: tmpdir(),
    timeout: 30_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, errLines: r.stderr.split("\n").filter((l) => l !== "") };
}

const files = (): VaultSpec => ({
  "Customers/Acme.md": lines("# Acme"),
  "Customers/Globex/Globex.md": lines("# Globex"),
  "Meetings/2025-11-01 - Acme call.md": lines("Call with [[Acme]].", "", "- [ ] send the deck"),
  "Meetings/2025-11-02 - Globex call.md": lines("Call with [[Globex]]."),
});

describe("what cannot be read stops the run, before anything is written", () => {
  it("a folder of the vault", () => {
    const vault = vaultOf(files());
    const before = snapshot(vault);
    chmodSync(join(vault, "Meetings"), 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(join(vault, "Meetings"), 0o755);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual([`error: cannot read the vault: EACCES: permission denied, scandir '${join(vault, "Meetings")}'`]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a linked folder whose target cannot be reached", () => {
    const vault = vaultOf(files());
    const outside = vaultOf({ "Shared/2025-11-05 - Acme review.md": lines("Review with [[Acme]].") });
    symlinkSync(join(outside, "Shared"), join(vault, "Linked"));
    const before = snapshot(vault);
    chmodSync(outside, 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(outside, 0o755);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual([`error: cannot read the vault: EACCES: permission denied, stat '${join(vault, "Linked")}'`]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("the vault's settings file", () => {
    const vault = vaultOf({ ...files(), ".obsidian/plugins/customer-pages/data.json": '{"ignoredPeople":["Me"]}' });
    const data = join(vault, ".obsidian/plugins/customer-pages/data.json");
    chmodSync(data, 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual([`error: cannot read ${data}: EACCES`]);
    expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
  });

  it("Obsidian's app.json or templates.json, or Templater's data.json: what they exclude would be read", () => {
    for (const file of [".obsidian/app.json", ".obsidian/templates.json", ".obsidian/plugins/templater-obsidian/data.json"]) {
      const vault = vaultOf({ ...files(), [file]: "{}" });
      const before = snapshot(vault);
      chmodSync(join(vault, file), 0o000);
      const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
      chmodSync(join(vault, file), 0o644);
      expect(r.status, file).toBe(2);
      expect(r.errLines, file).toEqual([`error: cannot read ${join(vault, file)}: EACCES`]);
      expect(r.stdout, file).toBe("");
      expect(changedPaths(before, snapshot(vault)), file).toEqual([]);
    }
  });
});

describe("a name that is not valid UTF-8 (a Latin-1 name from an old archive) stops the run too, saying which", () => {
  // Node lists such a name with U+FFFD for the bad bytes, and that name opens nothing: the note
  // failed as if missing (ENOENT, for a file the user sees), and the folder was skipped as if gone.
  const latin1 = (vault: string, rel: string, name: number[]): Buffer => Buffer.concat([Buffer.from(join(vault, rel) + "/"), Buffer.from(name)]);

  it("a note", () => {
    const vault = makeVault(files());
    writeFileSync(latin1(vault, "Meetings", [...Buffer.from("2025-11-05 M"), 0xfc, ...Buffer.from("ller.md")]), "Call with [[Acme]].\n");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual(["error: cannot read the vault: the name of Meetings/2025-11-05 M\uFFFDller.md is not valid UTF-8 (shown here with U+FFFD); rename it"]);
    expect(r.stdout).toBe("");
    // (The test helpers' snapshot cannot list such a name either.)
    expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
    expect(read(vault, "Customers/Globex/Globex.md")).toBe(lines("# Globex"));
  });

  it("a folder, whose notes would otherwise be left out of every page", () => {
    const vault = makeVault(files());
    const folder = latin1(vault, "", [...Buffer.from("Kund"), 0xe9, ...Buffer.from("n")]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from("/2025-12-01 - Acme review.md")]), "Review with [[Acme]].\n- [ ] renew the contract\n");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(2);
    expect(r.errLines).toEqual(["error: cannot read the vault: the name of Kund\uFFFDn is not valid UTF-8 (shown here with U+FFFD); rename it"]);
    expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
  });

  it("an attachment's name is none of its business: not a note, never opened", () => {
    const vault = makeVault(files());
    writeFileSync(latin1(vault, "Meetings", [...Buffer.from("Bild"), 0xe9, ...Buffer.from(".png")]), "png");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe("in an excluded folder, what cannot be listed is a warning, and nothing is read", () => {
  // Excluded notes are never read, only link targets: a folder there that cannot be listed loses no
  // line of a page (docs/reliability.md, B28-E).
  const latin1 = (vault: string, rel: string, name: number[]): Buffer => Buffer.concat([Buffer.from(join(vault, rel) + "/"), Buffer.from(name)]);
  const settled = (r: { status: number | null; stdout: string }, vault: string): void => {
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("updated Customers/Acme.md\n");
    expect(read(vault, "Customers/Acme.md")).toContain("- [ ] send the deck ([[2025-11-01 - Acme call]])");
  };

  it("a folder that cannot be read, excluded by the settings", () => {
    const vault = vaultOf({
      ...files(),
      ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ excludedFolders: ["Archive"] }),
      "Archive/Old/2020-01-01 - Acme.md": lines("Old call with [[Acme]]."),
      "Archive/Kept.md": lines("kept"),
      "Meetings/2025-11-03 - Acme follow-up.md": lines("See [[Kept]] and [[2020-01-01 - Acme]]."),
    });
    chmodSync(join(vault, "Archive/Old"), 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(join(vault, "Archive/Old"), 0o755);
    expect(r.errLines).toEqual([
      "warning: Archive/Old: cannot be read (EACCES); it is excluded, so the run goes on, but links to what it holds do not resolve",
      "warning: Meetings/2025-11-03 - Acme follow-up.md: unresolved link [[2020-01-01 - Acme]]",
    ]);
    settled(r, vault);
  });

  it("a folder named as an excluded note (Archive.md/ beside the excluded Archive) is not excluded: one it cannot read stops the run", () => {
    // isExcluded's "Archive" covers the note Archive.md, but not Archive.md/Old/…, which the index reads.
    const vault = vaultOf({
      ...files(),
      ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ excludedFolders: ["Archive"] }),
      "Archive.md/Old/2025-11-05 - Acme review.md": lines("Review with [[Acme]].", "", "- [ ] call back"),
    });
    const before = snapshot(vault);
    chmodSync(join(vault, "Archive.md/Old"), 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(join(vault, "Archive.md/Old"), 0o755);
    expect(r.errLines).toEqual([`error: cannot read the vault: EACCES: permission denied, scandir '${join(vault, "Archive.md/Old")}'`]);
    expect(r.status).toBe(2);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a linked folder whose target cannot be reached, excluded by the settings", () => {
    const vault = vaultOf({ ...files(), ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ excludedFolders: ["Archive"] }), "Archive/Kept.md": lines("kept") });
    const outside = vaultOf({ "Shared/2025-11-05 - Acme review.md": lines("Review with [[Acme]].") });
    symlinkSync(join(outside, "Shared"), join(vault, "Archive/Linked"));
    chmodSync(outside, 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(outside, 0o755);
    expect(r.errLines).toEqual(["warning: Archive/Linked: its target cannot be reached (EACCES); it is excluded, so the run goes on, but links to what it holds do not resolve"]);
    settled(r, vault);
  });

  it("a note that cannot be read, excluded by Obsidian's Excluded files: never read, no word", () => {
    const vault = vaultOf({ ...files(), ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/"] }), "Archive/Secret.md": lines("[[Acme]]") });
    chmodSync(join(vault, "Archive/Secret.md"), 0o000);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    settled(r, vault);
  });

  it("a name that is not valid UTF-8, in Obsidian's Excluded files or the Templates folder", () => {
    const vault = makeVault({
      ...files(),
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/"] }),
      ".obsidian/templates.json": JSON.stringify({ folder: "Templates" }),
      "Templates/Meeting.md": lines("[[Acme]]"),
    });
    const folder = latin1(vault, "", [...Buffer.from("Archive/Kund"), 0xe9, ...Buffer.from("n")]);
    mkdirSync(folder, { recursive: true });
    writeFileSync(Buffer.concat([folder, Buffer.from("/2019-12-01 - Acme.md")]), "Review with [[Acme]].\n- [ ] old task\n");
    writeFileSync(latin1(vault, "Templates", [...Buffer.from("M"), 0xfc, ...Buffer.from("ller.md")]), "[[Acme]]\n");
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([
      "warning: Archive/Kund\uFFFDn: the name is not valid UTF-8 (shown here with U+FFFD); rename it; it is excluded, so the run goes on, but links to what it holds do not resolve",
      "warning: Templates/M\uFFFDller.md: the name is not valid UTF-8 (shown here with U+FFFD); rename it; it is excluded, so the run goes on, but links to what it holds do not resolve",
    ]);
    settled(r, vault);
    expect(read(vault, "Customers/Acme.md")).not.toContain("old task");
  });
});

describe("what cannot be written is a warning; the other pages go on", () => {
  it("a page in a folder that cannot be written, and a read-only page", () => {
    const vault = vaultOf({ ...files(), "Customers/Initech.md": lines("# Initech"), "Meetings/2025-11-03 - Initech call.md": lines("Call with [[Initech]].") });
    chmodSync(join(vault, "Customers/Initech.md"), 0o444);
    chmodSync(join(vault, "Customers"), 0o555); // Acme.md and Initech.md live here; Globex has its own folder
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    chmodSync(join(vault, "Customers"), 0o755);
    expect(r.status).toBe(3);
    // Acme's folder named, as the dry run names it: Acme.md itself may be written.
    expect(r.errLines).toEqual([
      "warning: Customers/Acme.md: not written (permission denied in its folder (EACCES))",
      "warning: Customers/Initech.md: not written (permission denied (EACCES))",
    ]);
    expect(r.stdout).toBe(
      lines("not written Customers/Acme.md", "updated Customers/Globex/Globex.md", "not written Customers/Initech.md", "3 customer page(s): 1 updated, 2 not written, 0 unchanged; 2 warning(s)"),
    );
    expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
    expect(read(vault, "Customers/Globex/Globex.md")).toContain("- 2025-11-02: [[2025-11-02 - Globex call]]");
    expect(readdirSync(join(vault, "Customers")).sort()).toEqual(["Acme.md", "Globex", "Initech.md"]);
  });

  it("a read-only page in a folder that can be written is not replaced", () => {
    const vault = vaultOf(files());
    chmodSync(join(vault, "Customers/Acme.md"), 0o444);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(3);
    expect(r.errLines).toEqual(["warning: Customers/Acme.md: not written (permission denied (EACCES))"]);
    expect(read(vault, "Customers/Acme.md")).toBe(lines("# Acme"));
    expect(statSync(join(vault, "Customers/Acme.md")).mode & 0o777).toBe(0o444);
    // --json tells it from a page that kept changing (also changed, not written) by `writeFailed`.
    const j = run(["regenerate", "--vault", vault, "--today", "2026-01-15", "--json"]);
    expect(j.status).toBe(3);
    const pages = (JSON.parse(j.stdout) as { pages: Array<{ path: string }> }).pages;
    expect(pages.find((p) => p.path === "Customers/Acme.md")).toEqual({ path: "Customers/Acme.md", changed: true, written: false, writeFailed: true });
    expect(pages.filter((p) => p.path !== "Customers/Acme.md").every((p) => !("writeFailed" in p))).toBe(true);
  });

  it("a tick whose note cannot be written", () => {
    const vault = vaultOf(files());
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    expect(page).toContain("- [ ] send the deck");
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] send the deck", "- [x] send the deck"));
    chmodSync(join(vault, "Meetings/2025-11-01 - Acme call.md"), 0o444);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(3);
    expect(r.errLines).toEqual(["warning: Meetings/2025-11-01 - Acme call.md: not written (permission denied (EACCES)); 1 task(s) left unticked"]);
    expect(read(vault, "Meetings/2025-11-01 - Acme call.md")).toContain("- [ ] send the deck");
    // The user's tick is not undone: it stays on the page, and goes back once the note can be written.
    expect(read(vault, "Customers/Acme.md")).toBe(page.replace("- [ ] send the deck", "- [x] send the deck"));
    chmodSync(join(vault, "Meetings/2025-11-01 - Acme call.md"), 0o644);
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    expect(read(vault, "Meetings/2025-11-01 - Acme call.md")).toContain("- [x] send the deck");
  });

  it("a tick on a page that cannot be written is not applied: each run would tick the next identical task", () => {
    const note = (boxes: [string, string]) =>
      lines("Call with [[Acme]].", "", `- [${boxes[0]}] send the deck`, "- [ ] other", "", "## Next week", "", `- [${boxes[1]}] send the deck`);
    const vault = vaultOf({ ...files(), "Meetings/2025-11-01 - Acme call.md": note([" ", " "]) });
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    const ticked = read(vault, "Customers/Acme.md").replace("- [ ] send the deck", "- [x] send the deck");
    expect(ticked).toContain("- [x] send the deck ([[2025-11-01 - Acme call]])");
    writeFileSync(join(vault, "Customers/Acme.md"), ticked);
    chmodSync(join(vault, "Customers/Acme.md"), 0o444);
    for (let n = 0; n < 3; n++) {
      const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
      expect(r.status).toBe(3);
      expect(r.errLines).toEqual([
        "warning: Customers/Acme.md: 1 tick(s) not applied: the page cannot be written (permission denied (EACCES)), and each run would apply them again",
        "warning: Customers/Acme.md: not written (permission denied (EACCES))",
      ]);
      expect(read(vault, "Meetings/2025-11-01 - Acme call.md")).toBe(note([" ", " "]));
      expect(read(vault, "Customers/Acme.md")).toBe(ticked);
    }
    // Once the page can be written, the tick goes to the first identical task only.
    chmodSync(join(vault, "Customers/Acme.md"), 0o644);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    expect(read(vault, "Meetings/2025-11-01 - Acme call.md")).toBe(note(["x", " "]));
  });

  it("a tick another note took is not kept: the next run ticks no second identical line", () => {
    const vault = vaultOf({
      "Customers/Acme.md": lines("# Acme"),
      "Meetings/2025-11-01 - One.md": lines("With [[Acme]].", "", "- [ ] Call Bob"),
      "Meetings/2025-11-02 - Two.md": lines("With [[Acme]].", "", "- [ ] Call Bob", "- [ ] Call Bob"),
    });
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    expect(page).toContain("- [ ] Call Bob ([[2025-11-02 - Two]])");
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] Call Bob", "- [x] Call Bob"));
    chmodSync(join(vault, "Meetings/2025-11-01 - One.md"), 0o444);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(3);
    expect(r.errLines).toEqual(["warning: Meetings/2025-11-01 - One.md: not written (permission denied (EACCES)); 1 task(s) left unticked"]);
    // Two.md took it (its first open line, Obsidian Tasks' rule); the task is still open in both
    // notes (Two's second line, One's), so the page shows it open, from the newest note.
    expect(read(vault, "Meetings/2025-11-02 - Two.md")).toBe(lines("With [[Acme]].", "", "- [x] Call Bob", "- [ ] Call Bob"));
    expect(read(vault, "Customers/Acme.md")).toContain("- [ ] Call Bob ([[2025-11-02 - Two]])");
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    expect(read(vault, "Meetings/2025-11-02 - Two.md")).toBe(lines("With [[Acme]].", "", "- [x] Call Bob", "- [ ] Call Bob"));
  });

  it("a kept tick on a task whose self-link the page now writes differently stays ticked, and is applied later", () => {
    const note = (box: string) => lines("---", "date: 2025-11-01", "---", "With [[Acme]].", "", `- [${box}] check [[#Details]]`, "", "## Details", "x");
    const vault = vaultOf({ "Customers/Acme.md": lines("# Acme"), "Notes/Sync.md": note(" ") });
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    expect(page).toContain("- [ ] check [[Sync#Details]] ([[Sync]])");
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] check", "- [x] check"));
    // A second Sync appears (the page will write Notes/Sync), and the note cannot be written for now.
    writeFiles(vault, { "Other/Sync.md": lines("Unrelated.") });
    if (asRoot) chownSync(join(vault, "Other"), NOBODY, NOBODY);
    chmodSync(join(vault, "Notes/Sync.md"), 0o444);
    const r = run(["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(3);
    expect(read(vault, "Customers/Acme.md")).toContain("- [x] check [[Notes/Sync#Details]] ([[Notes/Sync]])");
    chmodSync(join(vault, "Notes/Sync.md"), 0o644);
    expect(run(["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    expect(read(vault, "Notes/Sync.md")).toBe(note("x"));
  });
});

describe("--dry-run says what the write run could not write, as far as permissions tell (B40-D)", () => {
  // A dry run took every note and page for written: `would tick …`, `would update …`, exit 0, where
  // the write run could write neither, and kept the tick on an unchanged page.
  const TODAY = ["--today", "2026-01-15"];
  const NOTE = "Meetings/2025-11-01 - Acme call.md";

  /** The vault after a first run, with the page's task ticked as the user ticks it. */
  function ticked(spec: VaultSpec = files()): string {
    const vault = vaultOf(spec);
    expect(run(["regenerate", "--vault", vault, ...TODAY]).status).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    expect(page).toContain("- [ ] send the deck ([[2025-11-01 - Acme call]])");
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] send the deck", "- [x] send the deck"));
    return vault;
  }

  it("a tick whose note cannot be written: not written back, the page left as it is, exit 3 — the dry run says so as the write run does", () => {
    const vault = ticked();
    chmodSync(join(vault, NOTE), 0o444);
    const before = snapshot(vault);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    expect(dry.errLines).toEqual([`warning: ${NOTE}: would not be written (permission denied (EACCES)); 1 task(s) left unticked`]);
    expect(dry.stdout).toBe(lines("2 customer page(s): 0 would change, 2 unchanged; 1 warning(s)"));
    expect(dry.status).toBe(3);
    const json = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run", "--json"]);
    expect(json.status).toBe(3);
    const report = JSON.parse(json.stdout) as { pages: unknown[]; sources: unknown[] };
    expect(report.pages).toEqual([
      { path: "Customers/Acme.md", changed: false, written: false },
      { path: "Customers/Globex/Globex.md", changed: false, written: false },
    ]);
    expect(report.sources).toEqual([{ path: NOTE, ticks: 0, written: false }]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    expect(r.errLines).toEqual([`warning: ${NOTE}: not written (permission denied (EACCES)); 1 task(s) left unticked`]);
    expect(r.stdout).toBe(lines("2 customer page(s): 0 updated, 2 unchanged; 1 warning(s)"));
    expect(r.status).toBe(3);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a tick whose note is in a folder that cannot be written: the same", () => {
    const vault = ticked();
    chmodSync(join(vault, "Meetings"), 0o555);
    const before = snapshot(vault);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    chmodSync(join(vault, "Meetings"), 0o755);
    expect(dry.errLines).toEqual([`warning: ${NOTE}: would not be written (permission denied in its folder (EACCES)); 1 task(s) left unticked`]);
    expect(dry.stdout).toBe(lines("2 customer page(s): 0 would change, 2 unchanged; 1 warning(s)"));
    expect(dry.status).toBe(3);
    expect(r.errLines).toEqual([`warning: ${NOTE}: not written (permission denied in its folder (EACCES)); 1 task(s) left unticked`]);
    expect(r.stdout).toBe(lines("2 customer page(s): 0 updated, 2 unchanged; 1 warning(s)"));
    expect(r.status).toBe(3);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a read-only page, and a page in a folder that cannot be written: `would not be written`, the other pages `would update`, exit 3", () => {
    const vault = vaultOf({ ...files(), "Customers/Initech.md": lines("# Initech"), "Meetings/2025-11-03 - Initech call.md": lines("Call with [[Initech]].") });
    chmodSync(join(vault, "Customers/Initech.md"), 0o444);
    chmodSync(join(vault, "Customers"), 0o555);
    const before = snapshot(vault);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    const json = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run", "--json"]);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    chmodSync(join(vault, "Customers"), 0o755);
    expect(dry.errLines).toEqual([
      "warning: Customers/Acme.md: would not be written (permission denied in its folder (EACCES))",
      "warning: Customers/Initech.md: would not be written (permission denied (EACCES))",
    ]);
    expect(dry.stdout).toBe(
      lines(
        "would not be written Customers/Acme.md",
        "would update Customers/Globex/Globex.md",
        "would not be written Customers/Initech.md",
        "3 customer page(s): 1 would change, 2 would not be written, 0 unchanged; 2 warning(s)",
      ),
    );
    expect(dry.status).toBe(3);
    expect(json.status).toBe(3);
    expect((JSON.parse(json.stdout) as { pages: unknown[] }).pages).toEqual([
      { path: "Customers/Acme.md", changed: true, written: false, writeFailed: true },
      { path: "Customers/Globex/Globex.md", changed: true, written: false },
      { path: "Customers/Initech.md", changed: true, written: false, writeFailed: true },
    ]);
    // The write run, as the dry run said, in the same words (B41-B: its Acme warning had no "in its folder").
    expect(r.errLines).toEqual([
      "warning: Customers/Acme.md: not written (permission denied in its folder (EACCES))",
      "warning: Customers/Initech.md: not written (permission denied (EACCES))",
    ]);
    expect(r.stdout).toBe(lines("not written Customers/Acme.md", "updated Customers/Globex/Globex.md", "not written Customers/Initech.md", "3 customer page(s): 1 updated, 2 not written, 0 unchanged; 2 warning(s)"));
    expect(r.status).toBe(3);
    expect(changedPaths(before, snapshot(vault))).toEqual(["Customers/Globex/Globex.md"]);
  });

  it("two lines ticking one task with two statuses, its note read-only: the dry run drops the lower line with the write run's warning, not `[x] not written back … would be written` (B39-B)", () => {
    const vault = ticked({ ...files(), [NOTE]: lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] book the demo") });
    const page = read(vault, "Customers/Acme.md");
    const upper = "- [-] send the deck ([[2025-11-01 - Acme call]])";
    const lower = "- [x] Send the deck. ([[2025-11-01 - Acme call]])";
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [x] send the deck ([[2025-11-01 - Acme call]])", `${upper}\n${lower}`));
    chmodSync(join(vault, NOTE), 0o444);
    const warned = (note: string, kept: string): string[] => [
      `warning: ${NOTE}: ${note} (permission denied (EACCES)); 1 task(s) left unticked`,
      `warning: Customers/Acme.md: tick dropped, a line above ticks the same task [-], which the page keeps ticked as ${NOTE} ${kept} ` +
        `(the page's lines are read top down; the next run writes [-] back: change that line to [x] before then if [x] was meant): ${lower}`,
    ];
    const before = snapshot(vault);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    expect(dry.errLines).toEqual(warned("would not be written", "would not be written"));
    expect(dry.stdout).toBe(lines("would update Customers/Acme.md", "2 customer page(s): 1 would change, 1 unchanged; 2 warning(s)"));
    expect(dry.status).toBe(3);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    expect(r.errLines).toEqual(warned("not written", "was not written"));
    expect(r.stdout).toBe(lines("updated Customers/Acme.md", "2 customer page(s): 1 updated, 1 unchanged; 2 warning(s)"));
    expect(r.status).toBe(3);
    // The upper line's status kept on the task's one line, the note as it was.
    expect(read(vault, "Customers/Acme.md")).toBe(page.replace("- [x] send the deck", "- [-] send the deck"));
    expect(read(vault, NOTE)).toBe(lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] book the demo"));
  });

  it("a page that is not valid UTF-8 (never written) that would change: `would not be written`, as the write run's `not written`, exit 0 both", () => {
    const vault = vaultOf(files());
    writeFileSync(join(vault, "Customers/Acme.md"), Buffer.from("# Acme caf\xe9\n", "latin1"));
    const utf8 = "warning: Customers/Acme.md: not valid UTF-8; invalid bytes read as U+FFFD and the note is never written";
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    expect(dry.errLines).toEqual([utf8]);
    expect(dry.stdout).toBe(lines("would not be written Customers/Acme.md", "would update Customers/Globex/Globex.md", "2 customer page(s): 1 would change, 1 would not be written, 0 unchanged; 1 warning(s)"));
    expect(dry.status).toBe(0);
    // --check foresees nothing (B41-A: no test asked): the page would change, as before B40-D.
    const check = run(["regenerate", "--vault", vault, ...TODAY, "--check"]);
    expect(check.errLines).toEqual([utf8]);
    expect(check.stdout).toBe(lines("would update Customers/Acme.md", "would update Customers/Globex/Globex.md", "2 customer page(s): 2 would change, 0 unchanged; 1 warning(s)"));
    expect(check.status).toBe(1);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    expect(r.errLines).toEqual([utf8]);
    expect(r.stdout).toBe(lines("not written Customers/Acme.md", "updated Customers/Globex/Globex.md", "2 customer page(s): 1 updated, 1 not written, 0 unchanged; 1 warning(s)"));
    expect(r.status).toBe(0);
  });

  it("--check looks at no permissions: it answers whether anything would change (exit 1), as before", () => {
    const vault = ticked();
    chmodSync(join(vault, NOTE), 0o444);
    // Globex's page as never regenerated, so that it would change.
    writeFileSync(join(vault, "Customers/Globex/Globex.md"), lines("# Globex"));
    chmodSync(join(vault, "Customers/Globex/Globex.md"), 0o444);
    for (const flags of [["--check"], ["--check", "--dry-run"]]) {
      const r = run(["regenerate", "--vault", vault, ...TODAY, ...flags]);
      expect(r.errLines, flags.join(" ")).toEqual([]);
      expect(r.stdout, flags.join(" ")).toBe(
        lines(`would tick 1 task(s) in ${NOTE}`, "would update Customers/Acme.md", "would update Customers/Globex/Globex.md", "2 customer page(s): 2 would change, 0 unchanged; 0 warning(s)"),
      );
      expect(r.status, flags.join(" ")).toBe(1);
    }
  });
});

describe("a folder with the sticky bit (1777: /tmp, a shared team folder) holding another user's page or note (B41-B)", () => {
  // access(W_OK) allows the file (0666) and the folder (1777), but the system refuses to replace
  // another user's file there: the rename is EPERM. The dry run said `would update`, exit 0, and the
  // write run wrote a page's tick to its note, then failed on the page; the next run dropped the tick.
  // Only root can give a file to another user: run as anyone else, the page and note here stay the
  // user's own, which the rule allows, and these tests assert that half (no false alarm, the dry run
  // as the write run). The refusal is carried for any user by cli/write-atomic's stickyRefuses cases.
  const TODAY = ["--today", "2026-01-15"];
  const NOTE = "Meetings/2025-11-01 - Acme call.md";
  const refused = asRoot;
  const STICKY = "permission denied, another user's file in a folder with the sticky bit (EPERM)";

  /** The folder at 1777 and the file at 0666, both root's when the tests run as root (the CLI runs as 65534). */
  function shared(vault: string, folder: string, file: string): void {
    if (asRoot) {
      chownSync(join(vault, folder), 0, 0);
      chownSync(join(vault, file), 0, 0);
    }
    chmodSync(join(vault, folder), 0o1777);
    chmodSync(join(vault, file), 0o666);
  }

  /** The vault after a first run, with the page's task ticked as the user ticks it; the page as it was before the tick. */
  function ticked(): { vault: string; page: string } {
    const vault = vaultOf(files());
    expect(run(["regenerate", "--vault", vault, ...TODAY]).status).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    expect(page).toContain("- [ ] send the deck ([[2025-11-01 - Acme call]])");
    writeFileSync(join(vault, "Customers/Acme.md"), page.replace("- [ ] send the deck", "- [x] send the deck"));
    return { vault, page };
  }

  it("another user's page with a tick: the tick not applied to its note, the page not written — the dry run says so as the write run does, exit 3", () => {
    const { vault, page } = ticked();
    shared(vault, "Customers", "Customers/Acme.md");
    const tickedPage = page.replace("- [ ] send the deck", "- [x] send the deck");
    const note = read(vault, NOTE);
    const notApplied = `warning: Customers/Acme.md: 1 tick(s) not applied: the page cannot be written (${STICKY}), and each run would apply them again`;
    const before = snapshot(vault);

    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    const json = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run", "--json"]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    if (refused) {
      expect(dry.errLines).toEqual([notApplied, `warning: Customers/Acme.md: would not be written (${STICKY})`]);
      expect(dry.stdout).toBe(lines("would not be written Customers/Acme.md", "2 customer page(s): 0 would change, 1 would not be written, 1 unchanged; 2 warning(s)"));
      expect(dry.status).toBe(3);
      const report = JSON.parse(json.stdout) as { pages: unknown[]; sources: unknown[] };
      expect(report.pages).toEqual([
        { path: "Customers/Acme.md", changed: true, written: false, writeFailed: true },
        { path: "Customers/Globex/Globex.md", changed: false, written: false },
      ]);
      expect(report.sources).toEqual([]);
      expect(json.status).toBe(3);
    } else {
      expect(dry.errLines).toEqual([]);
      expect(dry.stdout).toBe(lines(`would tick 1 task(s) in ${NOTE}`, "would update Customers/Acme.md", "2 customer page(s): 1 would change, 1 unchanged; 0 warning(s)"));
      expect(dry.status).toBe(0);
    }

    // --check answers only whether anything would change (by design): exit 1 either way.
    const check = run(["regenerate", "--vault", vault, ...TODAY, "--check"]);
    expect(check.errLines).toEqual(refused ? [notApplied] : []);
    expect(check.stdout).toBe(
      refused
        ? lines("would update Customers/Acme.md", "2 customer page(s): 1 would change, 1 unchanged; 1 warning(s)")
        : lines(`would tick 1 task(s) in ${NOTE}`, "would update Customers/Acme.md", "2 customer page(s): 1 would change, 1 unchanged; 0 warning(s)"),
    );
    expect(check.status).toBe(1);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);

    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    if (refused) {
      expect(r.errLines).toEqual([notApplied, `warning: Customers/Acme.md: not written (${STICKY})`]);
      expect(r.stdout).toBe(lines("not written Customers/Acme.md", "2 customer page(s): 0 updated, 1 not written, 1 unchanged; 2 warning(s)"));
      expect(r.status).toBe(3);
      // Nothing written: the tick stays on the page, its task open in the note, for a later run.
      expect(changedPaths(before, snapshot(vault))).toEqual([]);
      expect(read(vault, "Customers/Acme.md")).toBe(tickedPage);
      expect(read(vault, NOTE)).toBe(note);
    } else {
      expect(r.errLines).toEqual([]);
      expect(r.stdout).toBe(lines(`ticked 1 task(s) in ${NOTE}`, "updated Customers/Acme.md", "2 customer page(s): 1 updated, 1 unchanged; 0 warning(s)"));
      expect(r.status).toBe(0);
      expect(read(vault, NOTE)).toBe(note.replace("- [ ] send the deck", "- [x] send the deck"));
    }
  });

  it("a tick whose note is another user's: not written back, the page left as it is, exit 3 — the dry run as the write run", () => {
    const { vault } = ticked();
    shared(vault, "Meetings", NOTE);
    const before = snapshot(vault);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    const json = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run", "--json"]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    if (refused) {
      expect(dry.errLines).toEqual([`warning: ${NOTE}: would not be written (${STICKY}); 1 task(s) left unticked`]);
      expect(dry.stdout).toBe(lines("2 customer page(s): 0 would change, 2 unchanged; 1 warning(s)"));
      expect(dry.status).toBe(3);
      expect((JSON.parse(json.stdout) as { sources: unknown[] }).sources).toEqual([{ path: NOTE, ticks: 0, written: false }]);
      expect(json.status).toBe(3);
      expect(r.errLines).toEqual([`warning: ${NOTE}: not written (${STICKY}); 1 task(s) left unticked`]);
      expect(r.stdout).toBe(lines("2 customer page(s): 0 updated, 2 unchanged; 1 warning(s)"));
      expect(r.status).toBe(3);
      expect(changedPaths(before, snapshot(vault))).toEqual([]);
    } else {
      expect(dry.errLines).toEqual([]);
      expect(dry.stdout).toBe(lines(`would tick 1 task(s) in ${NOTE}`, "would update Customers/Acme.md", "2 customer page(s): 1 would change, 1 unchanged; 0 warning(s)"));
      expect(dry.status).toBe(0);
      expect(r.errLines).toEqual([]);
      expect(r.status).toBe(0);
      expect(changedPaths(before, snapshot(vault))).toEqual(["Customers/Acme.md", NOTE]);
    }
  });

  it("no false alarm: the user's own page and note in another's folder with the sticky bit, and another's page in a sticky folder the user owns", () => {
    const { vault } = ticked();
    writeFiles(vault, { "Customers/Initech/Initech.md": lines("# Initech"), "Meetings/2025-11-03 - Initech call.md": lines("Call with [[Initech]].") });
    if (asRoot) chownSync(join(vault, "Customers/Initech"), NOBODY, NOBODY);
    // Customers and Meetings: root's folders at 1777 (when root), the page and note the user's own.
    for (const folder of ["Customers", "Meetings"]) {
      if (asRoot) chownSync(join(vault, folder), 0, 0);
      chmodSync(join(vault, folder), 0o1777);
    }
    // Customers/Initech: the user's folder at 1777, the page root's at 0666 (when root).
    if (asRoot) chownSync(join(vault, "Customers/Initech/Initech.md"), 0, 0);
    chmodSync(join(vault, "Customers/Initech"), 0o1777);
    chmodSync(join(vault, "Customers/Initech/Initech.md"), 0o666);
    const dry = run(["regenerate", "--vault", vault, ...TODAY, "--dry-run"]);
    expect(dry.errLines).toEqual([]);
    expect(dry.stdout).toBe(
      lines(`would tick 1 task(s) in ${NOTE}`, "would update Customers/Acme.md", "would update Customers/Initech/Initech.md", "3 customer page(s): 2 would change, 1 unchanged; 0 warning(s)"),
    );
    expect(dry.status).toBe(0);
    const r = run(["regenerate", "--vault", vault, ...TODAY]);
    expect(r.errLines).toEqual([]);
    expect(r.stdout).toBe(lines(`ticked 1 task(s) in ${NOTE}`, "updated Customers/Acme.md", "updated Customers/Initech/Initech.md", "3 customer page(s): 2 updated, 1 unchanged; 0 warning(s)"));
    expect(r.status).toBe(0);
    expect(read(vault, NOTE)).toContain("- [x] send the deck");
    expect(read(vault, "Customers/Initech/Initech.md")).toContain("[[2025-11-03 - Initech call]]");
  });
});
