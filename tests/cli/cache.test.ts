// `--cache FILE` end to end: the real CLI as a process. A run with the cache gives what a run
// without it gives; a note is taken from the cache only when its file is unchanged and the cache was
// written by this build with these settings; a damaged cache, a file that is no cache, and a cache
// that cannot be written are warnings, never a failed run or a lost file.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vault";
import { ageFiles, buildCli, copyOf, fileBytes, makeVault, OLD_TIME, read, removeTemps, runCli, tempDir, type CliResult } from "./cli-helpers";

let cli = "";
beforeAll(() => {
  cli = buildCli();
});
afterAll(() => removeTemps());

const EXAMPLES = join(ROOT, "examples", "vault");
const TODAY = "2025-11-15";
const FACT = "Checkpoints are written every 30 minutes, 40 TB each";
const HELIOS = "Customers/Helios AI.md";

/**
 * Edits the data of a cache file and writes it back with a matching checksum, as the tool would
 * have written it: to prove what is read from it (a file damaged without its checksum is not read).
 */
function rewriteCache(file: string, edit: (data: string) => string): void {
  const text = readFileSync(file, "utf8");
  const head = /^\{"customerPagesCache":\d+,"sha1":"[0-9a-f]{40}","data":/.exec(text)![0];
  const data = edit(text.slice(head.length, -1));
  const sha1 = createHash("sha1").update(data).digest("hex");
  writeFileSync(file, `${head.replace(/"sha1":"[0-9a-f]{40}"/, `"sha1":"${sha1}"`)}${data}}`);
}

/** A copy of a vault whose files were written long ago (a note written within 3 s of a run is not cached). */
function agedCopy(dir: string): string {
  const v = copyOf(dir);
  ageFiles(v);
  return v;
}

function regenerate(vault: string, ...more: string[]): CliResult {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, ...more]);
}

/** The output with the vault's and the cache folder's paths taken out, to compare runs on different copies. */
function same(r: CliResult, ...dirs: string[]): { status: number | null; stdout: string; stderr: string } {
  let { stdout, stderr } = r;
  for (const d of dirs) {
    stdout = stdout.split(d).join("DIR");
    stderr = stderr.split(d).join("DIR");
  }
  return { status: r.status, stdout, stderr };
}

function expectSameFiles(a: string, b: string): void {
  const fa = fileBytes(a);
  const fb = fileBytes(b);
  expect([...fb.keys()].sort()).toEqual([...fa.keys()].sort());
  for (const [p, bytes] of fa) expect(Buffer.compare(fb.get(p)!, bytes), p).toBe(0);
}

const FIXTURES = join(ROOT, "tests", "fixtures");
const SOME = ["encoding", "vault-exclusions", "relation-mentions", "links-resolution", "defect-writeback", "page-crlf", "settings-names-limits-plain-tasks"];

describe("a run with --cache gives what a run without it gives", () => {
  const vaults: Array<[string, string, string]> = [["examples", EXAMPLES, TODAY]];
  for (const name of SOME) {
    const spec = join(FIXTURES, name, "fixture.json");
    if (existsSync(spec)) vaults.push([name, join(FIXTURES, name, "vault"), (JSON.parse(readFileSync(spec, "utf8")) as { today: string }).today]);
  }
  it("covers the fixtures named", () => {
    expect(vaults.length).toBe(SOME.length + 1);
  });
  for (const [name, dir, today] of vaults) {
    it(`${name}: the run that writes the cache, a dry run and a write run that read it`, () => {
      const plain = agedCopy(dir);
      const cached = agedCopy(dir);
      const cache = join(tempDir(), "cache.json");
      for (const args of [["--dry-run", "--json"], ["--dry-run", "--json"], ["--json"], []]) {
        const a = runCli(cli, ["regenerate", "--vault", plain, "--today", today, ...args]);
        const b = runCli(cli, ["regenerate", "--vault", cached, "--today", today, "--cache", cache, ...args]);
        expect(same(b, cached), args.join(" ")).toEqual(same(a, plain));
        expectSameFiles(plain, cached);
      }
      expect(readFileSync(cache, "utf8").startsWith('{"customerPagesCache":')).toBe(true);
      // Notes were cached (the vault's files are old), so the runs above did read them from it.
      expect((JSON.parse(readFileSync(cache, "utf8")) as { data: { files: unknown[] } }).data.files.length).toBeGreaterThan(0);
      // It holds what the notes say: a new cache is readable by its owner only.
      if (process.platform !== "win32") expect(statSync(cache).mode & 0o777).toBe(0o600);
      const links = [runCli(cli, ["links", "--vault", plain]), runCli(cli, ["links", "--vault", cached, "--cache", cache])];
      expect(same(links[1]!, cached)).toEqual(same(links[0]!, plain));
    });
  }
});

describe("what is taken from the cache", () => {
  /** A vault with a cache written by a first run, and that cache with one fact changed in it. */
  function tampered(): { vault: string; cache: string } {
    const vault = agedCopy(EXAMPLES);
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    expect(readFileSync(cache, "utf8")).toContain(FACT);
    rewriteCache(cache, (data) => data.split(FACT).join(FACT.replace("30", "31")));
    return { vault, cache };
  }

  it("an unchanged note comes from the cache, not from its file", () => {
    // Proof that the cache is read at all: the changed fact, not the file's, reaches the page.
    const { vault, cache } = tampered();
    expect(regenerate(vault, "--cache", cache).status).toBe(0);
    expect(read(vault, HELIOS)).toContain(FACT.replace("30", "31"));
  });

  it("links --cache writes the cache too (outside the vault; nothing in it), and a later run reads from it", () => {
    const vault = agedCopy(EXAMPLES);
    const before = fileBytes(vault);
    const cache = join(tempDir(), "cache.json");
    expect(runCli(cli, ["links", "--vault", vault, "--cache", cache]).status).toBe(0);
    expect(fileBytes(vault)).toEqual(before);
    expect(readFileSync(cache, "utf8")).toContain(FACT);
    rewriteCache(cache, (data) => data.split(FACT).join(FACT.replace("30", "31")));
    expect(regenerate(vault, "--cache", cache).status).toBe(0);
    expect(read(vault, HELIOS)).toContain(FACT.replace("30", "31"));
  });

  it("a note whose file changed is read again", () => {
    const { vault, cache } = tampered();
    const meeting = join(vault, "Meetings", "2025-10-22 - Helios AI storage deep dive.md");
    writeFileSync(meeting, readFileSync(meeting, "utf8").replace("- They use the S3 API only", "- They use the S3 API, mostly"));
    expect(regenerate(vault, "--cache", cache).status).toBe(0);
    const page = read(vault, HELIOS);
    expect(page).toContain(FACT);
    expect(page).not.toContain(FACT.replace("30", "31"));
    expect(page).toContain("They use the S3 API, mostly");
  });

  it("other settings: nothing is taken from the cache", () => {
    const { vault, cache } = tampered();
    const config = join(tempDir(), "settings.json");
    writeFileSync(config, JSON.stringify({ limits: { recentContext: 4 } }));
    const r = regenerate(vault, "--cache", cache, "--config", config);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual(regenerate(copyOf(EXAMPLES), "--dry-run", "--config", config).warnings);
    expect(read(vault, HELIOS)).toContain(FACT);
    expect(read(vault, HELIOS)).not.toContain(FACT.replace("30", "31"));
  });

  it("a cache written by another build: nothing is taken from it", () => {
    const { vault, cache } = tampered();
    rewriteCache(cache, (data) => data.replace(/"build":"[^"]*"/, '"build":"another"'));
    expect(regenerate(vault, "--cache", cache).status).toBe(0);
    expect(read(vault, HELIOS)).not.toContain(FACT.replace("30", "31"));
    // …and the cache is written again for this build.
    expect(readFileSync(cache, "utf8")).not.toContain('"build":"another"');
  });

  it("a new customer's name is found in cached notes", () => {
    const spec = {
      "Customers/Acme.md": "---\ntype: customer\n---\n# Acme\n",
      "Meetings/2025-10-01 Sync.md": "Met Acme, then Globex about pricing.\n",
      "Meetings/2025-10-02 Call.md": "Acme only.\n",
    };
    const plain = makeVault(spec);
    const cached = makeVault(spec);
    ageFiles(cached);
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(cached, "--dry-run", "--cache", cache).status).toBe(0);
    expect(readFileSync(cache, "utf8")).toContain("Globex about pricing");
    // The meeting is in the cache, matched against "Acme" only; "Globex" is now a customer too.
    for (const v of [plain, cached]) writeFileSync(join(v, "Customers", "Globex.md"), "---\ntype: customer\n---\n# Globex\n");
    const a = regenerate(plain, "--json");
    const b = regenerate(cached, "--json", "--cache", cache);
    expect(same(b, cached)).toEqual(same(a, plain));
    expectSameFiles(plain, cached);
    const globex = read(cached, "Customers/Globex.md");
    expect(globex).toContain("[[2025-10-01 Sync]]");
    expect(globex).not.toContain("[[2025-10-02 Call]]");
  });
});

describe("a note written just before or during a run (git's racy rule)", () => {
  it("is not cached: a write in the same time step, which can keep its stamp, is never missed", () => {
    const vault = makeVault({
      "Customers/Acme.md": "---\ntype: customer\n---\n# Acme\n",
      "Meetings/2025-10-01 Old.md": "Met [[Acme]].\n- [ ] old task\n",
    });
    ageFiles(vault);
    const fresh = join(vault, "Meetings", "2025-10-02 New.md");
    writeFileSync(fresh, "Met [[Acme]].\n- [ ] new task\n");
    // Its modification time a moment inside the run: left as written, it lies in the rule's 3 s
    // only if the CLI starts within 3 s of this line, which a loaded machine does not promise (a
    // start 3.5 s late cached the note). Set 30 s ahead, it is inside the run's window for every
    // run that ends before runCli's 30 s timeout.
    utimesSync(fresh, new Date(), new Date(Date.now() + 30_000));
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    const text = readFileSync(cache, "utf8");
    expect(text).toContain("old task");
    expect(text).not.toContain("new task");
  });
});

describe("when the cache is rewritten", () => {
  it("once a twentieth of the notes changed; until then the changed ones are read each run", () => {
    const spec: Record<string, string> = { "Customers/Acme.md": "---\ntype: customer\n---\n# Acme\n" };
    for (let k = 0; k < 59; k++) spec[`Meetings/2025-10-${String((k % 28) + 1).padStart(2, "0")} M${k}.md`] = `Met [[Acme]] (${k}).\n## Key Facts\n- fact ${k}\n`;
    const vault = makeVault(spec);
    ageFiles(vault);
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    const first = readFileSync(cache);
    const change = (k: number): void => {
      const f = join(vault, "Meetings", `2025-10-${String((k % 28) + 1).padStart(2, "0")} M${k}.md`);
      writeFileSync(f, readFileSync(f, "utf8").replace(`- fact ${k}`, `- changed fact ${k}`));
      // Written long ago as far as its modification time says (its change time is now): not "racy".
      utimesSync(f, OLD_TIME, new Date(OLD_TIME.getTime() + 1000));
    };
    // Three of 60 notes changed (the newest, whose facts the page shows): not more than a twentieth.
    for (const k of [27, 55, 26]) change(k);
    expect(regenerate(vault, "--cache", cache).status).toBe(0);
    expect(Buffer.compare(readFileSync(cache), first)).toBe(0);
    const page = read(vault, "Customers/Acme.md");
    for (const k of [27, 55, 26]) expect(page).toContain(`- changed fact ${k}`);
    // A fourth (and the page just written, a fifth): the cache is written again, with them.
    change(54);
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    const second = readFileSync(cache, "utf8");
    expect(second).not.toBe(first.toString("utf8"));
    for (const k of [27, 55, 26, 54]) expect(second).toContain(`changed fact ${k}`);
  });
});

describe("a cache file that cannot be used", () => {
  it("a damaged cache: a warning naming it, the run as without it, the cache rewritten", () => {
    const plain = copyOf(EXAMPLES);
    const vault = agedCopy(EXAMPLES);
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    const whole = readFileSync(cache, "utf8");
    writeFileSync(cache, whole.slice(0, whole.length >> 1));
    const r = regenerate(vault, "--cache", cache);
    expect(r.status).toBe(0);
    expect(r.warnings.filter((w) => w.startsWith(`warning: ${cache}: the cache is damaged`))).toHaveLength(1);
    const a = regenerate(plain);
    expect(r.warnings.filter((w) => !w.includes(cache))).toEqual(a.warnings);
    expect(r.stdout).toBe(a.stdout.replace(`; ${a.warnings.length} warning(s)`, `; ${a.warnings.length + 1} warning(s)`));
    expectSameFiles(plain, vault);
    expect(() => {
      JSON.parse(readFileSync(cache, "utf8"));
    }).not.toThrow();
    expect(regenerate(vault, "--cache", cache).warnings.some((w) => w.includes(cache))).toBe(false);
  });

  it("a cache damaged into other valid JSON: caught by its checksum, a warning, the run as without it, the cache rewritten", () => {
    const plain = copyOf(EXAMPLES);
    const vault = agedCopy(EXAMPLES);
    const cache = join(tempDir(), "cache.json");
    expect(regenerate(vault, "--dry-run", "--cache", cache).status).toBe(0);
    const whole = readFileSync(cache, "utf8");
    // One packed number changed (another string, a plausible note): still valid JSON.
    const damaged = whole.replace(/"notes":\[(\d+),(\d+),(\d+)/, (_m, a: string, b: string, c: string) => `"notes":[${a},${b},${Number(c) + 4}`);
    expect(damaged).not.toBe(whole);
    expect(() => JSON.parse(damaged)).not.toThrow();
    writeFileSync(cache, damaged);
    const r = regenerate(vault, "--cache", cache);
    expect(r.status).toBe(0);
    expect(r.warnings.filter((w) => w.includes(cache))).toEqual([
      `warning: ${cache}: the cache is damaged (its contents do not match their checksum); the notes are parsed again and the cache rewritten`,
    ]);
    regenerate(plain);
    expectSameFiles(plain, vault);
    expect(regenerate(vault, "--cache", cache).warnings.some((w) => w.includes(cache))).toBe(false);
  });

  it("an empty cache file, or one cut off in its first bytes, is damaged, not someone else's: rewritten", () => {
    for (const start of ["", '{"customer']) {
      const vault = agedCopy(EXAMPLES);
      const cache = join(tempDir(), "cache.json");
      writeFileSync(cache, start);
      const r = regenerate(vault, "--dry-run", "--cache", cache);
      expect(r.status).toBe(0);
      expect(r.warnings.filter((w) => w.includes(cache))).toEqual([
        `warning: ${cache}: the cache is damaged (cut short); the notes are parsed again and the cache rewritten`,
      ]);
      expect(readFileSync(cache, "utf8").startsWith('{"customerPagesCache":')).toBe(true);
    }
  });

  it("a file that is no cache is neither read nor overwritten", () => {
    const vault = copyOf(EXAMPLES);
    const cache = join(tempDir(), "notes.json");
    const mine = '{"my": "own data"}\n';
    writeFileSync(cache, mine);
    const r = regenerate(vault, "--cache", cache);
    expect(r.status).toBe(0);
    expect(r.warnings).toContain(`warning: ${cache}: is not a Customer Pages cache: not read, and not overwritten`);
    expect(readFileSync(cache, "utf8")).toBe(mine);
  });

  it("a cache that cannot be written: a warning, and the pages are written all the same", () => {
    const plain = copyOf(EXAMPLES);
    const vault = agedCopy(EXAMPLES);
    const cache = join(tempDir(), "no-such-folder", "cache.json");
    const r = regenerate(vault, "--cache", cache);
    expect(r.status).toBe(0);
    expect(r.warnings.filter((w) => w.startsWith(`warning: ${cache}: cannot write the cache`))).toHaveLength(1);
    regenerate(plain);
    expectSameFiles(plain, vault);
  });

  it("a Markdown file is refused: it would be read as a note", () => {
    const vault = copyOf(EXAMPLES);
    const before = fileBytes(vault);
    const r = regenerate(vault, "--cache", join(vault, "cache.md"));
    expect(r.status).toBe(2);
    expect(r.errLines[0]).toBe(`error: --cache must not name a Markdown file (it would be read as a note): ${join(vault, "cache.md")}`);
    const after = fileBytes(vault);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [p, bytes] of before) expect(Buffer.compare(after.get(p)!, bytes), p).toBe(0);
  });

  it("a note that is not valid UTF-8 is warned about on every run, cached or not", () => {
    const vault = makeVault({
      "Customers/Acme.md": "---\ntype: customer\n---\n# Acme\n",
      "Meetings/2025-10-01 Sync.md": Buffer.from("Met [[Acme]] \xff\n", "latin1"),
    });
    const cache = join(tempDir(), "cache.json");
    for (let k = 0; k < 2; k++) {
      const r = regenerate(vault, "--dry-run", "--cache", cache);
      expect(r.warnings).toContain("warning: Meetings/2025-10-01 Sync.md: not valid UTF-8; invalid bytes read as U+FFFD and the note is never written");
    }
  });
});
