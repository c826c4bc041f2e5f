// Issue 5, "never lose a user's line": hostile notes, each on real files through the real CLI.
// Every run must exit 0 within a bound (no crash, no escaped exception, no catastrophic regex
// backtracking), warn naming the file where something was ignored, and change no file but the
// customer pages and the notes whose tasks were ticked (every file's bytes are compared).
// docs/reliability.md has the sizes and the times a linear run takes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, changedPaths, lines, makeVault, read, readBytes, removeTemps, snapshot, writeFiles } from "../cli/cli-helpers";
import { expectCleanRun, expectOnlyChanged, runCliTimed, warningsAbout, type TimedResult } from "./cli-async";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-06-01";
/** A generous bound on a run's CPU time: a linear run over the biggest vault here takes well under two seconds. */
const BOUND = 10_000;
const BIG_BOUND = 20_000;
/** For a run whose quadratic version took 8 s of CPU time (T16), where a linear one takes 1 s. */
const TICKS_BOUND = 5_000;
const PAGE = "Customers/Acme.md";
const ACME = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", "Written by hand.");
const ANN = lines("---", 'company: "[[Acme]]"', "role: CTO", "---");

function regenerate(vault: string, bound = BOUND): Promise<TimedResult> {
  return runCliTimed(cli, ["regenerate", "--vault", vault, "--today", TODAY], bound);
}

/** Runs twice: the first run within the bound, only `allowed` changed; the second run changes nothing. */
async function regenerateTwice(vault: string, allowed: readonly string[], bound = BOUND): Promise<TimedResult> {
  const before = snapshot(vault);
  const r = await regenerate(vault, bound);
  expectCleanRun(r, bound);
  const after = snapshot(vault);
  expectOnlyChanged(before, after, allowed);
  const r2 = await regenerate(vault, bound);
  expectCleanRun(r2, bound);
  expect(changedPaths(after, snapshot(vault))).toEqual([]);
  return r;
}

describe.concurrent("frontmatter that is not what it should be", () => {
  it("invalid YAML, a list, a scalar: a warning naming each file, the notes untouched and still read by their bodies", async () => {
    const notes = {
      "Meetings/2025-05-01 - Bad yaml.md": lines("---", "date: 2025-05-01", "title: [unclosed", "---", "Call with [[Acme]].", "- [ ] from bad yaml"),
      "Meetings/2025-05-02 - List.md": lines("---", "- date: 2025-05-02", "- x", "---", "Call with [[Acme]].", "- [ ] from list"),
      "Meetings/2025-05-03 - Scalar.md": lines("---", "just a scalar", "---", "Call with [[Acme]].", "- [ ] from scalar"),
    };
    const vault = makeVault({ [PAGE]: ACME, ...notes });
    const r = await regenerateTwice(vault, [PAGE]);
    for (const [path, text] of Object.entries(notes)) {
      expect(warningsAbout(r, path)).toEqual([expect.stringContaining("invalid frontmatter")]);
      expect(read(vault, path)).toBe(text);
    }
    const page = read(vault, PAGE);
    for (const t of ["from bad yaml", "from list", "from scalar"]) expect(page).toContain(`- [ ] ${t} (`);
  });

  it("a customer page whose frontmatter is a list keeps it byte for byte, with a warning, and still gets its sections", async () => {
    const page = lines("---", "- not", "- a mapping", "---", "# Listy", "", "## Notes", "", "mine");
    const vault = makeVault({ "Customers/Listy.md": page, "Meetings/2025-05-01 - Listy call.md": lines("Call with [[Listy]].") });
    const r = await regenerateTwice(vault, ["Customers/Listy.md"]);
    expect(warningsAbout(r, "Customers/Listy.md")).toEqual([
      "warning: Customers/Listy.md: invalid frontmatter ignored (frontmatter is a list, not a mapping)",
      "warning: Customers/Listy.md: frontmatter is invalid; last_contact not updated",
    ]);
    const out = read(vault, "Customers/Listy.md");
    expect(out.startsWith(lines("---", "- not", "- a mapping", "---", "# Listy", "", "## Notes", "", "mine"))).toBe(true);
    expect(out).toContain("- 2025-05-01: [[2025-05-01 - Listy call]]");
  });

  it("a `---` that never closes is no frontmatter: the page gets one and keeps every line; the note is read by its body", async () => {
    const page = lines("---", "type: customer", "status: Active", "# Open", "", "## Notes", "", "mine");
    const note = lines("---", "date: 2025-05-02", "Call with [[Open]].", "- [ ] task from an unclosed note");
    const vault = makeVault({ "Customers/Open.md": page, "Meetings/2025-05-02 - Open call.md": note });
    await regenerateTwice(vault, ["Customers/Open.md"]);
    const out = read(vault, "Customers/Open.md");
    expect(out.startsWith(lines("---", "last_contact: 2025-05-02", "---") + page)).toBe(true);
    expect(out).toContain("- [ ] task from an unclosed note (");
    expect(read(vault, "Meetings/2025-05-02 - Open call.md")).toBe(note);
  });

  it("YAML nested 500 to 64,000 deep in eight notes: a warning for each, no crash", async () => {
    // Where the stack runs out depends on the stack already in use, so several depths are tried:
    // when it runs out inside V8's regexp compiler, the process aborts instead of throwing.
    const depths = [500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000];
    const notes: Record<string, string> = {};
    depths.forEach((n, i) => {
      notes[`Meetings/2025-05-0${i + 1} - Deep ${n}.md`] = lines("---", `a: ${"[".repeat(n)}${"]".repeat(n)}`, "---", "Call with [[Acme]].");
    });
    const vault = makeVault({ [PAGE]: ACME, ...notes });
    const r = await regenerateTwice(vault, [PAGE]);
    for (const path of Object.keys(notes)) expect(warningsAbout(r, path)).toEqual([expect.stringContaining("invalid frontmatter")]);
  });

  it("a frontmatter of 100,000 keys that needs the YAML library: bounded time; read, or ignored with a warning naming the note", async () => {
    const path = "Meetings/2025-05-01 - Keys.md";
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: v\n`).join("");
    const note = `---\ndate: 2025-05-01\n${keys}nested: {a: 1}\n---\nCall with [[Acme]].\n`;
    const vault = makeVault({ [PAGE]: ACME, [path]: note });
    const r = await regenerateTwice(vault, [PAGE]);
    for (const w of warningsAbout(r, path)) expect(w).toContain("invalid frontmatter");
    expect(read(vault, PAGE)).toContain("- 2025-05-01: [[2025-05-01 - Keys]]");
    expect(read(vault, path)).toBe(note);
  });
});

describe.concurrent("odd files", () => {
  it("empty files: as a customer page, a meeting and a person", async () => {
    // (The meeting's name does not mention the customer: a basename counts for mentions, §5.)
    const vault = makeVault({ "Customers/Blank.md": "", "Meetings/2025-05-03 - Nothing.md": "", "People/Nobody.md": "" });
    await regenerateTwice(vault, ["Customers/Blank.md"]);
    expect(read(vault, "Customers/Blank.md")).toBe(
      lines("---", "last_contact: unknown", "---", "", "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | unknown |"),
    );
  });

  it("NUL bytes in a meeting and in a customer page's own section are kept as they are", async () => {
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", "binary\u0000here", "\u0000");
    const note = lines("Call with [[Acme]].\u0000\u0000", "", "- [ ] send the \u0000 file");
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-04 - Nul.md": note });
    await regenerateTwice(vault, [PAGE]);
    const out = read(vault, PAGE);
    expect(out).toContain(lines("## Notes", "", "binary\u0000here", "\u0000"));
    expect(out).toContain("- [ ] send the \u0000 file (");
    expect(read(vault, "Meetings/2025-05-04 - Nul.md")).toBe(note);
  });

  it("bytes that are not UTF-8: a warning naming each file; such a customer page is never written", async () => {
    const bad = Buffer.concat([Buffer.from("---\ntype: customer\n---\n# Bin\n\n## Notes\n\n"), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a])]);
    const note = Buffer.concat([Buffer.from("Call with [[Bin]] and [[Acme]]. "), Buffer.from([0xe2, 0x82, 0x0a])]);
    const vault = makeVault({ "Customers/Bin.md": bad, [PAGE]: ACME, "Meetings/2025-05-04 - Bytes.md": note });
    const r = await regenerateTwice(vault, [PAGE]);
    expect(warningsAbout(r, "Customers/Bin.md")).toEqual([expect.stringContaining("not valid UTF-8")]);
    expect(warningsAbout(r, "Meetings/2025-05-04 - Bytes.md")).toEqual([expect.stringContaining("not valid UTF-8")]);
    expect(readBytes(vault, "Customers/Bin.md").equals(bad)).toBe(true);
    expect(read(vault, PAGE)).toContain("[[2025-05-04 - Bytes]]");
  });

  it("a 20 MB note: bounded time, harvested, untouched", async () => {
    const parts = ["Call with [[Acme]] about the migration plan.", ""];
    let size = 0;
    for (let i = 0; size < 20_000_000; i++) {
      const l = `Line ${i}: storage tiers with [[Ann]], \`code\`, **bold** and https://example.com/${i} for the record.`;
      parts.push(l);
      size += l.length + 1;
      if (i % 2000 === 0) parts.push("", "## Key Facts", `- fact ${i}`, `- [ ] task ${i}`, "");
    }
    const huge = parts.join("\n") + "\n";
    const vault = makeVault({ [PAGE]: ACME, "People/Ann.md": ANN, "Meetings/2025-05-05 - Huge.md": huge });
    await regenerateTwice(vault, [PAGE], BIG_BOUND);
    const out = read(vault, PAGE);
    expect(out).toContain("- 2025-05-05: [[2025-05-05 - Huge]] - Call with Acme about the migration plan.");
    expect(out).toContain("- fact 0 ([[2025-05-05 - Huge]])");
    expect(out).toContain("- [ ] task 0 ([[2025-05-05 - Huge]])");
  });

  it("a customer page with 200,000 lines of its own notes keeps every one of them", async () => {
    const own = Array.from({ length: 200_000 }, (_, i) => `note ${i}\n`).join("");
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "") + own;
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-05 - Call.md": lines("Call with [[Acme]].") });
    await regenerateTwice(vault, [PAGE], BIG_BOUND);
    expect(read(vault, PAGE)).toContain(lines("## Notes", "") + own);
  });

  it("a customer page of 50,000 lines linking notes not written yet: one warning naming each link once, in bounded time (T18)", async () => {
    const own = Array.from({ length: 50_000 }, (_, i) => `line ${i} [[Foo ${i}]] and [[Foo 0]]`);
    const vault = makeVault({ [PAGE]: ACME + lines(...own), "Meetings/2025-05-06 - Call.md": lines("Call with [[Acme]].") });
    // A linear run takes ≈ 0.4 s; looking each link up in the list of those already named took 23 s.
    const r = await regenerateTwice(vault, [PAGE]);
    const expected = `warning: ${PAGE}: unresolved links ${Array.from({ length: 50_000 }, (_, i) => `[[Foo ${i}]]`).join(", ")}`;
    expect(warningsAbout(r, PAGE).filter((w) => w.includes("unresolved link"))).toEqual([expected]);
    // The user's lines stay where they were: the page's own Notes, the managed sections after them.
    expect(read(vault, PAGE).startsWith(ACME.replace("type: customer\n", "type: customer\nlast_contact: 2025-05-06\n") + lines(...own) + "\n## Recent Context\n")).toBe(true);
  });

  it("a 1 MB line: bounded time; the summary is cut at a word", async () => {
    const line = "Call with [[Acme]] " + "about storage and pricing ".repeat(40_000);
    const vault = makeVault({ [PAGE]: ACME, "Meetings/2025-05-06 - Long line.md": line + "\n" });
    await regenerateTwice(vault, [PAGE]);
    expect(read(vault, PAGE)).toMatch(/- 2025-05-06: \[\[2025-05-06 - Long line\]\] - Call with Acme about storage and pricing .{0,80}\.\.\.\n/);
  });
});

describe.concurrent("big and deep structure", () => {
  it("a 10,000-item list: Key Facts cut to 10, 10,000 open tasks, and ticking all of them writes them back in bounded time", async () => {
    const facts = Array.from({ length: 10_000 }, (_, i) => `- fact ${i}`);
    const tasks = Array.from({ length: 10_000 }, (_, i) => `- [ ] task ${i}`);
    const note = lines("Call with [[Acme]].", "", "## Key Facts", ...facts, "", "## Tasks", ...tasks);
    const src = "Meetings/2025-05-06 - Tasks.md";
    const vault = makeVault({ [PAGE]: ACME, [src]: note });
    await regenerateTwice(vault, [PAGE]);
    const page = read(vault, PAGE);
    expect(page.match(/^- fact \d+ \(/gm)?.length).toBe(10);
    expect(page.match(/^- \[ \] task \d+ \(/gm)?.length).toBe(10_000);
    writeFiles(vault, { [PAGE]: page.replace(/^- \[ \] task/gm, "- [x] task") });
    const before = snapshot(vault);
    const r = await regenerate(vault, BIG_BOUND);
    expectCleanRun(r, BIG_BOUND);
    expectOnlyChanged(before, snapshot(vault), [PAGE, src]);
    expect(read(vault, src)).toBe(note.replace(/^- \[ \] task/gm, "- [x] task"));
  });

  it("10,000 ticks whose note cannot be written stay ticked on the page, in bounded time (T16)", async () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => `- [ ] task ${i}`);
    const src = "Meetings/2025-05-06 - Tasks.md";
    // A byte that is not UTF-8: the note is read (with a warning) but never written.
    const note = Buffer.concat([Buffer.from(lines("Call with [[Acme]].", "", ...tasks) + "\n"), Buffer.from([0xff, 0x0a])]);
    const vault = makeVault({ [PAGE]: ACME, [src]: note });
    await regenerate(vault);
    const open = read(vault, PAGE);
    expect(open.match(/^- \[ \] task \d+ \(/gm)?.length).toBe(10_000);
    writeFiles(vault, { [PAGE]: open.replace(/^- \[ \] task/gm, "- [x] task") });
    const before = snapshot(vault);
    // A linear run takes ≈ 1 s of CPU time; keeping each tick by slicing the page again took 8 s.
    const r = await regenerate(vault, TICKS_BOUND);
    expectCleanRun(r, TICKS_BOUND);
    expect(warningsAbout(r, src)).toContain(`warning: ${src}: never written (not valid UTF-8); 10000 task(s) left unticked`);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    expect(readBytes(vault, src).equals(note)).toBe(true);
  });

  it("3,000 tasks in 1,000 notes of one customer, all ticked on the page: written back in bounded time (T17)", async () => {
    const day = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const notes: Record<string, string> = {};
    for (let i = 0; i < 1_000; i++) notes[`Meetings/${day(i)} - Call ${i}.md`] = lines(`Call ${i} with [[Acme]].`, "", `- [ ] task ${i} a`, `- [ ] task ${i} b`, `- [ ] task ${i} c`);
    const vault = makeVault({ [PAGE]: ACME, ...notes });
    await regenerate(vault);
    const open = read(vault, PAGE);
    expect(open.match(/^- \[ \] task \d+ [abc] \(/gm)?.length).toBe(3_000);
    writeFiles(vault, { [PAGE]: open.replace(/^- \[ \] task/gm, "- [x] task") });
    const before = snapshot(vault);
    // A linear run takes ≈ 1.5 s; every tick trying every form of the link in every source, each
    // working out the note's tasks again, took 26 s (2,000 notes: 3 min).
    const r = await regenerate(vault);
    expectCleanRun(r, BOUND);
    expectOnlyChanged(before, snapshot(vault), [PAGE, ...Object.keys(notes)]);
    for (const [path, text] of Object.entries(notes)) expect(read(vault, path)).toBe(text.replace(/^- \[ \] task/gm, "- [x] task"));
    expect(read(vault, PAGE)).not.toMatch(/^- \[.\] task/m);
  });

  it("lists and blockquotes nested 500 deep, in a meeting and in the page's own section", async () => {
    const list = Array.from({ length: 500 }, (_, i) => `${"  ".repeat(i)}- level ${i}`);
    const tasks = Array.from({ length: 500 }, (_, i) => `${"  ".repeat(i)}- [ ] deep task ${i}`);
    const quote = Array.from({ length: 500 }, (_, i) => `${"> ".repeat(i + 1)}level ${i}`);
    const callouts = Array.from({ length: 500 }, (_, i) => `${"> ".repeat(i + 1)}[!info] Key Facts`).concat([`${"> ".repeat(500)}- deepest fact`]);
    const note = lines("Call with [[Acme]].", "", ...list, "", ...tasks, "", ...quote, "", ...callouts);
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", ...list, "", ...quote, "");
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-07 - Deep.md": note });
    await regenerateTwice(vault, [PAGE]);
    const out = read(vault, PAGE);
    expect(out).toContain(lines("## Notes", "", ...list, "", ...quote));
    expect(out).toContain("- [ ] deep task 499 (");
    expect(out).toContain("- deepest fact (");
  });

  it("an unterminated code fence: in a meeting it hides the rest; at the end of the page, nothing is appended inside it", async () => {
    const note = lines("Call with [[Acme]].", "", "```", "## Key Facts", "- hidden fact", "- [ ] hidden task");
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", "```", "draft", "## Key Facts");
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-08 - Fence.md": note });
    const r = await regenerateTwice(vault, [PAGE]);
    // The page's ``` is its line 8 (after the frontmatter's three lines, `# Acme`, `## Notes` and blanks).
    expect(warningsAbout(r, PAGE)).toEqual([
      `warning: ${PAGE}: page ends inside a code block or comment that is never closed (line 8); missing sections were not added after it`,
    ]);
    const out = read(vault, PAGE);
    expect(out).not.toContain("hidden");
    expect(out).toBe(lines("---", "type: customer", "last_contact: 2025-05-08", "---", "# Acme", "", "## Notes", "", "```", "draft", "## Key Facts"));
  });
});

describe.concurrent("links that go round", () => {
  it("a note linking itself, and a page linking itself", async () => {
    const self = "Meetings/2025-05-07 - Self.md";
    const note = lines("See [[2025-05-07 - Self]], [[#Agenda]] and [[Acme]].", "", "# Agenda", "", "- [ ] task for [[#Agenda]]", "![[2025-05-07 - Self]]");
    const page = lines("---", "type: customer", "---", "# Acme", "", "See [[Acme]] and [[#Notes]].", "", "## Notes", "", "mine");
    const vault = makeVault({ [PAGE]: page, [self]: note });
    await regenerateTwice(vault, [PAGE]);
    expect(read(vault, PAGE)).toContain("- [ ] task for [[2025-05-07 - Self#Agenda]] ([[2025-05-07 - Self]])");
    const graph = JSON.parse((await runCliTimed(cli, ["links", "--vault", vault], BOUND)).stdout) as Record<string, Record<string, number>>;
    expect(graph[self]![self]).toBeGreaterThan(0);
  });

  it("link cycles between meetings, people whose companies name each other, pages linking each other", async () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", 'contacts: ["[[Ann]]"]', "---", "# Acme", "", "See [[Beta]]."),
      "Customers/Beta.md": lines("---", "type: customer", "---", "# Beta", "", "See [[Acme]]."),
      "People/Ann.md": lines("---", 'company: "[[Bob]]"', "---", "[[Bob]]"),
      "People/Bob.md": lines("---", 'company: "[[Ann]]"', "---", "[[Ann]]"),
      "Meetings/2025-05-01 - A.md": lines("[[Acme]] then [[2025-05-02 - B]]"),
      "Meetings/2025-05-02 - B.md": lines("[[2025-05-03 - C]] and [[Ann]]"),
      "Meetings/2025-05-03 - C.md": lines("[[2025-05-01 - A]] and [[Beta]]"),
    });
    await regenerateTwice(vault, [PAGE, "Customers/Beta.md"]);
    expect(read(vault, PAGE)).toContain("- 2025-05-01: [[2025-05-01 - A]]");
  });

  it("100 notes sharing one alias: the link is unresolved, with a warning naming the note; two customers sharing a name: a warning", async () => {
    const people: Record<string, string> = {};
    for (let i = 0; i < 100; i++) people[`People/Sam ${i}.md`] = lines("---", "aliases: [Sam]", 'company: "[[Acme]]"', "---");
    const vault = makeVault({
      ...people,
      [PAGE]: lines("---", "type: customer", "aliases: [Shared]", "---", "# Acme"),
      "Customers/Other.md": lines("---", "type: customer", "aliases: [Shared]", "---", "# Other"),
      "Meetings/2025-05-09 - Sam.md": lines("Call with [[Sam]] about [[Acme]], Shared."),
    });
    const r = await regenerateTwice(vault, [PAGE, "Customers/Other.md"]);
    expect(warningsAbout(r, "Meetings/2025-05-09 - Sam.md")).toEqual([expect.stringContaining("[[Sam]]")]);
    expect(r.warnings.some((w) => w.includes("Shared"))).toBe(true);
    expect(read(vault, PAGE).match(/^- \[\[Sam \d+\]\]$/gm)?.length).toBe(200);
  });
});

describe.concurrent("file names with #, |, ^, emoji and right-to-left text", () => {
  // Each customer, its person (company: the customer) and its meeting (customer: the customer) carry
  // the same odd character. After a run, every link the page writes must resolve back to the note
  // it stands for (Obsidian's resolvedLinks, as `links` prints it).
  const CASES: Array<[string, string, string, string]> = [
    ["hash", "Café #1", "Jo#hn", "2025-05-10 Call #3"],
    ["pipe", "Pipe|Co", "Ma|ry", "2025-05-11 Q&A | pricing"],
    ["caret", "Peak^Co", "Pe^te", "2025-05-12 Review ^2"],
    ["emoji", "😀 Emoji Co", "👩🏽‍💻 Dev", "2025-05-13 🚀 kickoff"],
    ["right-to-left", "שלום בע״מ", "مريم", "2025-05-14 פגישה"],
  ];
  for (const [label, customer, person, meeting] of CASES) {
    it(`${label}: ${customer} / ${person} / ${meeting}`, async () => {
      const pagePath = `Customers/${customer}.md`;
      const personPath = `People/${person}.md`;
      const meetingPath = `Meetings/${meeting}.md`;
      const vault = makeVault({
        [pagePath]: lines("---", "type: customer", "---", `# ${customer}`, "", "## Notes", "", "mine"),
        [personPath]: lines("---", `company: ${JSON.stringify(customer)}`, "role: Lead", "---"),
        [meetingPath]: lines("---", `customer: ${JSON.stringify(customer)}`, "---", "The kickoff.", "", `- [ ] follow up with [${person}](${encodeURIComponent(person)}.md)`),
      });
      await regenerateTwice(vault, [pagePath]);
      const out = read(vault, pagePath);
      expect(out).toContain("The kickoff.");
      expect(out).toContain("follow up with");
      expect(out).toContain("| Lead |");
      const links = await runCliTimed(cli, ["links", "--vault", vault], BOUND);
      expectCleanRun(links, BOUND);
      const graph = JSON.parse(links.stdout) as Record<string, Record<string, number>>;
      expect(Object.keys(graph[pagePath] ?? {}).sort()).toEqual([meetingPath, personPath].sort());
    });
  }
});

/** A vault whose one meeting (under Customers/Acme/, so direct for Acme) holds `text`. */
function shapeVault(text: string, page = ACME): string {
  return makeVault({ [PAGE]: page, "People/Ann.md": ANN, "Customers/Acme/2025-05-15 Shape.md": text });
}

describe.concurrent("worst shapes for the regular expressions and scans in src/core (1–6 MB; quadratic code would take a minute or more)", () => {
  const MB = 1_000_000;
  // Sizes are chosen so that the code as it is today, where it is quadratic, takes over 60 s
  // (docs/reliability.md has the measured growth), while a linear run takes under two seconds.
  const SHAPES: Array<[string, () => string]> = [
    ["a run of `", () => "`".repeat(MB)],
    ["a run of *", () => "*".repeat(MB)],
    ["a run of _", () => "_".repeat(MB)],
    ["a run of |", () => "|".repeat(MB)],
    ["a run of #", () => "#".repeat(MB)],
    ["a run of %%", () => "%%".repeat(MB / 2)],
    ["a run of <!--", () => "<!--".repeat(MB / 4)],
    ["a run of ](", () => "](".repeat(MB / 2)],
    ["**a repeated", () => "**a".repeat(MB / 3)],
    ["<a repeated", () => "<a ".repeat(MB / 3)],
    ["<a b b b … never closed (HTML attributes)", () => "<a" + " b".repeat(MB / 2)],
    ["<a b=c … then an unclosed quote (HTML attributes)", () => "<a" + " b=c".repeat(MB / 4) + ' d="'],
    ["<a b= repeated (HTML attribute values)", () => "<a b=".repeat(MB / 5)],
    ["<a then a line ending and spaces, repeated (HTML whitespace)", () => "<a\n   ".repeat(MB / 6)],
    ["<a b then spaces and tabs, never closed (HTML whitespace)", () => "<a b" + " \t".repeat(MB / 2)],
    ["$$a lines", () => "$$a\n".repeat(MB / 4)],
    ["$$x$$ pairs on one 2 MB line", () => "$$x$$ ".repeat((2 * MB) / 6)],
    ["a $$x$$ b on every line", () => "a $$x$$ b\n".repeat((2 * MB) / 10)],
    ["a lone $$ and an unclosed `` on every line", () => "w $$ `` \n".repeat((2 * MB) / 9)],
    ["a lone $$, then `$$` in inline code on the rest of one 1 MB line", () => "$$ " + "`$$` ".repeat(MB / 5)],
    ["a lone $$, then `$$` with unclosed backtick runs on one line", () => "$$ " + "``$$` ".repeat(MB / 6)],
    ["a key fact with $$ and ` repeated (the page's guard)", () => "## Key Facts\n- a " + "`$$ ".repeat(MB / 4) + "\n"],
    ['[a](b " repeated', () => '[a](b "'.repeat(MB / 7)],
    ["a heading with a run of spaces (ATX closing sequence)", () => "## a" + " ".repeat(MB) + "b\n"],
    ["a table delimiter row with a run of spaces", () => "x\n-|-" + " ".repeat(MB) + "x\n"],
    ["~~a repeated in the summary (strike)", () => "~~a ".repeat(MB / 4)],
    ["==a repeated in the summary (highlight)", () => "==a ".repeat(MB / 4)],
    ["a run of [ then ] in the summary (wikilink)", () => "[".repeat(MB) + "]"],
    ["a run of [ then ](x in the summary (wikilink)", () => "[".repeat(MB) + "](x"],
    ["![[ repeated, never closed, in the summary (embed)", () => "![[".repeat(MB / 3)],
    ["nested brackets [[[…]]](x)", () => "[".repeat(2.5 * MB) + "]".repeat(2.5 * MB) + "(x)"],
    ["[[ repeated, closed once at the end of the line", () => "[[".repeat(2 * MB) + "]]"],
    ["[[ on every line, closed once at the end of the note", () => "[[a\n".repeat(1.5 * MB) + "]]"],
    ["wikilinks and markdown links together", () => "[[a]] [b](c) ".repeat((3 * MB) / 13)],
    ["a %%comment%% on every line of one paragraph", () => "a %%c%% b\n".repeat((3 * MB) / 10)],
    ["`a repeated on one 4 MB line (masking inline code)", () => "`a".repeat(2 * MB)],
    ["%% opening on every line", () => "%%a\n".repeat(MB / 4)],
    ["a heading with inline code on every line", () => "# h `c`\n".repeat((2 * MB) / 8)],
    // B41-A: the page's guard wrote a lone CR and the spaces before it as one space by a pattern that,
    // from each space of the run, read on to the run's end looking for a CR (1 MB: minutes).
    ["a key fact with a run of spaces, then a word and a lone CR (the page's guard)", () => "## Key Facts\n- a" + " ".repeat(MB) + "b\r- c\n"],
    // B41-A: an unresolved markdown link's text is shown on one line in its warning, by a pattern that
    // from each space of a run read on to the run's end looking for a line break (1 MB: minutes).
    ["an unresolved markdown link whose text holds a run of spaces (its warning)", () => "See [a" + " ".repeat(MB) + "b](Nowhere.md).\n"],
    ["a key fact with a run of dots (de-duplication)", () => "## Key Facts\n- a  b" + ".".repeat(MB) + "c\n"],
    ["the customer's name 300,000 times (mentions)", () => "Acme ".repeat(300_000)],
    ["one line of 250,000 items each holding the next (`- - - … x`; a rule's test per marker)", () => "- ".repeat(MB / 4) + "x\n"],
    ["100,000 items each holding the next, then 200,000 lazy lines (each read against every open item)", () => "- ".repeat(MB / 10) + "x\n" + "lazy\n".repeat(MB / 5)],
  ];
  for (const [name, make] of SHAPES) {
    it(name, async () => {
      const vault = shapeVault(make());
      const before = snapshot(vault);
      const r = await regenerate(vault);
      expectCleanRun(r, BOUND);
      expectOnlyChanged(before, snapshot(vault), [PAGE]);
      expect(read(vault, PAGE)).toContain("[[2025-05-15 Shape]]");
    });
  }

  it("a person's company that is a run of [[ (frontmatter value, read as a link)", async () => {
    const vault = makeVault({
      [PAGE]: ACME,
      "People/Ann.md": lines("---", `company: "${"[[".repeat(MB / 2)}x"`, "---"),
      "Meetings/2025-05-15 Call.md": lines("Call with [[Acme]] and [[Ann]]."),
    });
    const before = snapshot(vault);
    const r = await regenerate(vault);
    expectCleanRun(r, BOUND);
    expectOnlyChanged(before, snapshot(vault), [PAGE]);
    expect(read(vault, PAGE)).toContain("| [[Ann]] |");
  });

  it("a ticked line on the page with a run of ` ([[` (the source link is looked for)", async () => {
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", `- [x] task${" ([[".repeat(MB / 4)}`);
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-15 Call.md": lines("Call with [[Acme]].", "- [ ] task") });
    const before = snapshot(vault);
    const r = await regenerate(vault);
    expectCleanRun(r, BOUND);
    expectOnlyChanged(before, snapshot(vault), [PAGE, "Meetings/2025-05-15 Call.md"]);
  });

  it("the same shapes in the customer page's own section are kept byte for byte", async () => {
    const own = ["## a" + " ".repeat(200_000) + "b", "~~a ".repeat(50_000), "[".repeat(200_000) + "]", "a %%c%% b\n".repeat(20_000)].join("\n\n");
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", own);
    const vault = shapeVault("Call with [[Acme]].", page);
    const r = await regenerate(vault);
    expectCleanRun(r, BOUND);
    expect(read(vault, PAGE)).toContain(own);
  });
});

describe.concurrent("text harvested from notes must not change the structure of the page it lands on", () => {
  // The page's own section below the managed ones must survive a second run, and the second run
  // must change nothing (§7: "A second run changes nothing"; everything outside managed bodies kept).
  const PAGE_WITH_SECTIONS = lines("---", "type: customer", "---", "# Acme", "", "## Recent Context", "", "## Topics", "", "## Key Facts", "", "## Notes", "", "Written by hand.");
  const CASES: Array<[string, Record<string, string>]> = [
    ["a summary with $$ (math) in it", { "Meetings/2025-05-16 - Cost.md": lines("Call with [[Acme]]. They paid $$$ for the pilot.") }],
    ["a frontmatter summary with <!-- in it", { "Meetings/2025-05-16 - Draft.md": lines("---", 'summary: "Draft <!-- see the notes"', "---", "Call with [[Acme]].") }],
    ["a frontmatter summary with %% in it", { "Meetings/2025-05-16 - Pct.md": lines("---", 'summary: "Grew 50%% this year"', "---", "Call with [[Acme]].") }],
    ["a key fact with $$ in it", { "Meetings/2025-05-16 - Fact.md": lines("Call with [[Acme]].", "", "## Key Facts", "- Budget is $$ 2M") }],
    // Each `$$` alone is text (§1), but two on one page would pair up across its sections.
    [
      "a topic and a key fact each with one $$, from two notes",
      {
        "Meetings/2025-05-16 - Topic.md": lines("Call with [[Acme]].", "", "## Topics", "- costs $$ more"),
        "Meetings/2025-05-17 - Fact.md": lines("Call with [[Acme]].", "", "## Key Facts", "- Budget is $$ 2M"),
      },
    ],
    ["a topic that opens a code fence", { "Meetings/2025-05-16 - Fence.md": lines("Call with [[Acme]].", "", "## Topics", "- ```js") }],
    ["a topic that is a heading", { "Meetings/2025-05-16 - Heading.md": lines("Call with [[Acme]].", "", "## Topics", "- # Migration") }],
    ["a frontmatter topic that is a heading", { "Meetings/2025-05-16 - Fm heading.md": lines("---", 'topics: ["## Notes"]', "---", "Call with [[Acme]].") }],
    ["a frontmatter topic with a line break in it", { "Meetings/2025-05-16 - Break.md": lines("---", 'topics: "pricing\\n## Notes"', "---", "Call with [[Acme]].") }],
    // A quote holding a heading ends a managed body (splice.ts): the Topics line must not be one.
    ["a frontmatter topic that is a quoted heading", { "Meetings/2025-05-16 - Quote.md": lines("---", 'topics: ["> ## hi", "other"]', "---", "Call with [[Acme]].") }],
    // A footnote definition ends a managed body too: the Topics line must not be one.
    ["a frontmatter topic that is a footnote definition", { "Meetings/2025-05-16 - Foot.md": lines("---", 'topics: ["[^1]: x", "other"]', "---", "Call with [[Acme]].") }],
  ];
  for (const [name, notes] of CASES) {
    it(name, async () => {
      const vault = makeVault({ [PAGE]: PAGE_WITH_SECTIONS, ...notes });
      await regenerateTwice(vault, [PAGE]);
      const out = read(vault, PAGE);
      expect(out).toContain(lines("## Notes", "", "Written by hand."));
      expect(out.match(/^## Notes$/gm)?.length).toBe(1);
    });
  }

  it("a topic with a line break keeps a CRLF page free of bare LFs", async () => {
    const page = PAGE_WITH_SECTIONS.replace(/\n/g, "\r\n");
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-05-16 - Break.md": lines("---", 'topics: "a\\nb"', "---", "Call with [[Acme]].") });
    await regenerateTwice(vault, [PAGE]);
    expect(read(vault, PAGE)).not.toMatch(/(^|[^\r])\n/);
  });
});
