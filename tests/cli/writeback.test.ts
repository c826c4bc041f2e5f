// §8 write-back through the CLI: boxes the user changed on a page go back to their source notes,
// one status character each, before the page is regenerated.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ageFiles,
  buildCli,
  changedPaths,
  crlf,
  lines,
  listFiles,
  makeVault,
  read,
  removeTemps,
  runCli,
  snapshot,
  touchedPaths,
  writeFiles,
} from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-06-20";
const PAGE = "Customers/Delta.md";
const SYNC = "Meetings/2025-06-10 - Delta sync.md";
const SRC = "([[2025-06-10 - Delta sync]])";

function regenerate(vault: string) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
}

/** The page as the previous run left it, with the Open Tasks lines the user edited. */
function page(taskLines: string[]): string {
  return lines(
    "---",
    "type: customer",
    "last_contact: 2025-06-10",
    "---",
    "# Delta",
    "",
    "## Recent Context",
    "",
    "- 2025-06-10: [[2025-06-10 - Delta sync]] - Sync with Delta.",
    "",
    "## Open Tasks",
    "",
    ...taskLines,
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Last contact** | 2025-06-10 |",
  );
}

/** A settings file turning source links off, and the page: its Open Tasks lines, if any (a page never regenerated). */
function sourceLinksOff(openTasks?: string[]): Record<string, string> {
  return {
    ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ sourceLinks: false }),
    [PAGE]: lines("---", "type: customer", "---", "# Delta", ...(openTasks === undefined ? [] : ["", "## Open Tasks", "", ...openTasks])),
  };
}

function sync(tasks: string[]): string {
  return lines("---", "type: meeting", "---", "Sync with [[Delta]].", "", "## Action Items", "", ...tasks);
}

function expectSecondRunIdle(vault: string): void {
  ageFiles(vault);
  const before = snapshot(vault);
  const r = regenerate(vault);
  expect(r.status).toBe(0);
  expect(r.warnings).toEqual([]);
  const after = snapshot(vault);
  expect(changedPaths(before, after)).toEqual([]);
  expect(touchedPaths(before, after)).toEqual([]);
}

describe("write-back of ticked tasks", () => {
  it("a `- [x]` tick changes only that box in the source, and the page no longer lists the task", () => {
    const vault = makeVault({
      [PAGE]: page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [x] Already done"]),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [ ] Book the demo", "- [x] Already done"]));
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`]));
    expect(r.stdout).toContain(`updated ${PAGE}\n`);
    expectSecondRunIdle(vault);
  });

  it("a task in a quote inside a list item is listed, and its tick reaches its box", () => {
    const quoted = (box: string) => ["- Agreed with legal", `  > - [${box}] Send the contract`, "  > - [ ] Book the demo"];
    const vault = makeVault({
      [PAGE]: page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: sync(quoted(" ")),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(sync(quoted("x")));
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`]));
    expectSecondRunIdle(vault);
  });

  it("a `- [-]` cancel writes `-` into the source's box", () => {
    const vault = makeVault({
      [PAGE]: page([`- [ ] Send the contract ${SRC}`, `- [-] Share the roadmap ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Share the roadmap"]),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(sync(["- [ ] Send the contract", "- [-] Share the roadmap"]));
    expect(read(vault, PAGE)).toBe(page([`- [ ] Send the contract ${SRC}`]));
    expectSecondRunIdle(vault);
  });

  it("an upper-case `[X]` is written as typed, and a CRLF source keeps its CRLFs", () => {
    const vault = makeVault({
      [PAGE]: page([`- [X] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: crlf(sync(["- [ ] Send the contract", "- [ ] Book the demo"])),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(crlf(sync(["- [X] Send the contract", "- [ ] Book the demo"])));
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`]));
  });

  it("a tick whose source no longer has the task: a warning naming the page, no note changed", () => {
    const source = sync(["- [ ] Book the demo"]);
    const vault = makeVault({
      [PAGE]: page([`- [x] Confirm the PO number ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: source,
    });
    const before = snapshot(vault);
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.startsWith(`warning: ${PAGE}: `)).toBe(true);
    expect(read(vault, SYNC)).toBe(source);
    // The page is regenerated from its sources: the dropped tick's line is gone.
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`]));
    expect(changedPaths(before, snapshot(vault))).toEqual([PAGE]);
  });

  it("a source link that now opens another customer's note ticks the task in this customer's sources, not there", () => {
    // The page was written when `[[Weekly sync]]` meant Acme's note; then Beta's note of that name came,
    // with a shorter path, so the link now opens it (§3 step 4). Only C's sources give C's page its tasks.
    const acmeSync = (box: string) => lines("---", "date: 2025-11-10", "---", "Sync with [[Acme]].", "", `- [${box}] Send recap`);
    const betaSync = lines("---", "date: 2025-11-12", "---", "Sync with [[Beta]].", "", "- [ ] Send recap");
    const customer = (name: string, tasks: string[]) => lines("---", "type: customer", "---", `# ${name}`, "", "## Open Tasks", "", ...tasks);
    const vault = makeVault({
      "Customers/Acme.md": customer("Acme", ["- [x] Send recap ([[Weekly sync]])"]),
      "Customers/Beta.md": customer("Beta", []),
      "Meetings/Acme/Weekly sync.md": acmeSync(" "),
      "Meetings/B/Weekly sync.md": betaSync,
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-11-20"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, "Meetings/Acme/Weekly sync.md")).toBe(acmeSync("x"));
    expect(read(vault, "Meetings/B/Weekly sync.md")).toBe(betaSync);
    expect(r.stdout).toContain("ticked 1 task(s) in Meetings/Acme/Weekly sync.md\n");
    expect(r.stdout).not.toContain("in Meetings/B/");
    expect(read(vault, "Customers/Beta.md")).toContain("- [ ] Send recap ([[Meetings/B/Weekly sync]])\n");
    expect(read(vault, "Customers/Acme.md")).not.toContain("Send recap");
  });

  it("a note that stopped being a source since the page was written still takes a tick its exact link names", () => {
    // §8: the source link names the note, and the first open task *there* is ticked. The note now
    // mentions another account only, so it is no source of Delta's any more.
    const weekly = "Meetings/2025-06-10 - Weekly sync.md";
    const note = (box: string) => lines("---", "type: meeting", "---", "Sync with [[Globex]].", "", `- [${box}] Send the contract`);
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Delta", "", "## Open Tasks", "", "- [x] Send the contract ([[2025-06-10 - Weekly sync]])"),
      "Customers/Globex.md": lines("---", "type: customer", "---", "# Globex"),
      [weekly]: note(" "),
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 1 task(s) in ${weekly}\n`);
    expect(read(vault, weekly)).toBe(note("x"));
  });

  it("Templater's templates folder is not read: its template is no meeting, and a tick never closes its task", () => {
    const template = lines("---", 'date: <% tp.date.now("YYYY-MM-DD") %>', "---", "Sync with [[Delta]].", "", "- [ ] Send the contract");
    const vault = makeVault({
      ".obsidian/plugins/templater-obsidian/data.json": JSON.stringify({ templates_folder: "Extras/Templates", trigger_on_file_creation: true }),
      "Extras/Templates/Delta meeting.md": template,
      [PAGE]: page([`- [x] Send the contract ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract"]),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`ticked 1 task(s) in ${SYNC}\n`);
    expect(read(vault, "Extras/Templates/Delta meeting.md")).toBe(template);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract"]));
    // A line the page wrote before the folder was excluded, naming the template exactly: no tick there.
    writeFiles(vault, { [PAGE]: page([`- [x] Send the contract ([[Delta meeting]])`]) });
    const again = regenerate(vault);
    expect(again.warnings).toEqual([expect.stringMatching(/^warning: Customers\/Delta\.md: tick dropped, no open task matches it/)]);
    expect(read(vault, "Extras/Templates/Delta meeting.md")).toBe(template);
    // The template's open task is no task of Delta's: the page lists nothing.
    expect(read(vault, PAGE)).not.toContain("Send the contract");
  });

  it("a tick on a line the user renumbered (Toggle numbered list) goes back like any other", () => {
    const vault = makeVault({
      [PAGE]: page([`1. [x] Send the contract ${SRC}`, `2) [-] Book the demo ${SRC}`, `+ [x] Call legal ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Call legal"]),
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 3 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [-] Book the demo", "- [x] Call legal"]));
  });

  it("open tasks as plain items: a task whose text starts like a ticked box is written escaped, and no run ticks another task by it", () => {
    const other = "Meetings/2025-06-11 - Delta review.md";
    const vault = makeVault({
      ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ openTasksAsCheckboxes: false }),
      [PAGE]: lines("---", "type: customer", "---", "# Delta"),
      [SYNC]: sync(["- [ ] [x] check the box"]),
      [other]: lines("Review with [[Delta]].", "", "- [ ] check the box"),
    });
    for (let n = 0; n < 2; n++) {
      const r = regenerate(vault);
      expect(r.warnings).toEqual([]);
      expect(r.stdout).not.toContain("ticked");
    }
    expect(read(vault, other)).toBe(lines("Review with [[Delta]].", "", "- [ ] check the box"));
    expect(read(vault, PAGE)).toContain(`- \\[x] check the box ${SRC}\n`);
  });

  it("with source links off, a line the Tasks plugin ticked (its ✅ date appended) goes back; so does a task holding U+2028", () => {
    const vault = makeVault({
      ...sourceLinksOff(["- [x] Send the contract ✅ 2025-06-20", "- [x] Book\u2028the demo"]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book\u2028the demo"]),
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 2 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [x] Book\u2028the demo"]));
  });

  it("with source links off, a line the Tasks plugin cancelled (its ❌ date appended) goes back, and so do its Dataview-format dates", () => {
    // Tasks stamps a cancelled task ` ❌ date` as it stamps a done one ` ✅ date`; in its Dataview
    // format the two are `  [cancelled:: date]` and `  [completion:: date]`.
    const vault = makeVault({
      ...sourceLinksOff([
        "- [-] Send the contract ❌ 2025-06-20",
        "- [x] Book the demo  [completion:: 2025-06-20]",
        "- [-] Share the roadmap  [cancelled:: 2025-06-20]",
      ]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Share the roadmap"]),
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 3 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(sync(["- [-] Send the contract", "- [x] Book the demo", "- [-] Share the roadmap"]));
    expect(read(vault, PAGE)).not.toContain("Send the contract");
    expectSecondRunIdle(vault);
  });

  it("with source links off, a block id Obsidian appended to a ticked line (a link to it was copied) is no part of the task, after the Tasks plugin's date too", () => {
    const vault = makeVault({
      ...sourceLinksOff([
        "- [x] Send the contract ^a1b2c3",
        "- [x] Book the demo ✅ 2025-06-20 ^d4e5f6",
      ]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo"]),
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 2 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [x] Book the demo"]));
    expectSecondRunIdle(vault);
  });

  it("with source links off, a task whose own text ends in a Tasks date or a second block id is the one its tick closes, not a task without them", () => {
    // Unticked by hand in its note, a task keeps the date the Tasks plugin stamped (`- [ ] … ✅
    // 2025-06-01`); the page shows it with that date, and a click on its box must close it, not
    // the task of the text without the date that another note holds.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const call = lines("---", "type: meeting", "---", "Call with [[Delta]].", "", ...["Send the contract", "Share the roadmap", "Book the demo", "Call Bob"].map((t) => `- [ ] ${t}`));
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: sync([
        "- [ ] Send the contract \u2705 2025-06-01",
        "- [ ] Share the roadmap \u274c 2025-06-02",
        "- [ ] Book the demo  [completion:: 2025-06-03]",
        "- [ ] Call Bob ^x1 ^y2",
      ]),
      [CALL]: call,
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const shown = read(vault, PAGE);
    // Ticked with a click: the line as the page shows it, only its box changed.
    const tasks = ["Send the contract \u2705 2025-06-01", "Share the roadmap \u274c 2025-06-02", "Book the demo  [completion:: 2025-06-03]", "Call Bob ^x1"];
    const ticked = tasks.reduce((text, task) => {
      expect(text).toContain(`- [ ] ${task}\n`);
      return text.replace(`- [ ] ${task}\n`, `- [x] ${task}\n`);
    }, shown);
    writeFiles(vault, { [PAGE]: ticked });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 4 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(
      sync([
        "- [x] Send the contract \u2705 2025-06-01",
        "- [x] Share the roadmap \u274c 2025-06-02",
        "- [x] Book the demo  [completion:: 2025-06-03]",
        "- [x] Call Bob ^x1 ^y2",
      ]),
    );
    expect(read(vault, CALL)).toBe(call);
    expectSecondRunIdle(vault);
  });

  it("with source links off, the Tasks plugin's tick replacing a task's own date closes that task; a line still shown open on the page is not the one ticked", () => {
    // The Tasks plugin rewrites a line it closes with today's date, in place of a done or cancelled
    // date the task kept (unticked by hand in its note). Which task was ticked is told by the lines
    // still shown open: the line of the other task stands unticked on the page.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const call = lines("---", "type: meeting", "---", "Call with [[Delta]].", "", "- [ ] Send the contract", "- [ ] Share the roadmap");
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: sync(["- [ ] Send the contract \u2705 2025-06-01", "- [ ] Share the roadmap \u274c 2025-06-20", "- [ ] Book the demo  [completion:: 2025-06-03]"]),
      [CALL]: call,
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const ticks: Array<[string, string]> = [
      // The sync's task, its date replaced: not the call's task, whose line stands open.
      ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-20"],
      // The call's task, cancelled today: its line now reads as the sync's, which stands open.
      ["- [ ] Share the roadmap", "- [-] Share the roadmap \u274c 2025-06-20"],
      // The sync's task, its Dataview-format date replaced; no other task of that text.
      ["- [ ] Book the demo  [completion:: 2025-06-03]", "- [x] Book the demo  [completion:: 2025-06-20]"],
    ];
    const ticked = ticks.reduce((text, [from, to]) => {
      expect(text.split(`${from}\n`)).toHaveLength(2);
      return text.replace(`${from}\n`, `${to}\n`);
    }, read(vault, PAGE));
    writeFiles(vault, { [PAGE]: ticked });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract \u2705 2025-06-01", "- [ ] Share the roadmap \u274c 2025-06-20", "- [x] Book the demo  [completion:: 2025-06-03]"]));
    expect(read(vault, CALL)).toBe(call.replace("- [ ] Share the roadmap", "- [-] Share the roadmap"));
    expectSecondRunIdle(vault);
  });

  it("with source links off, a Tasks tick whose own task is not told apart never closes the task of its text without the date, whose line stands open on the page (B35-H)", () => {
    // Of two tasks that differ only in their own Tasks date, one ticked by the Tasks plugin today and
    // the other's line deleted from the page, either may be the one ticked; and a stale line whose
    // task was closed in its note meanwhile names no open task. Neither tick is the call's `Send the
    // contract`, still shown unticked: both are dropped with the warning, nothing closed.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const REVIEW = "Meetings/2025-06-11 - Delta review.md";
    const call = lines("---", "type: meeting", "---", "Call with [[Delta]].", "", "- [ ] Send the contract", "- [ ] Share the roadmap");
    const review = lines("---", "type: meeting", "---", "Review with [[Delta]].", "", "- [ ] Send the contract \u2705 2025-05-01", "- [ ] Share the roadmap \u274c 2025-06-02");
    const own = sync(["- [ ] Send the contract \u2705 2025-06-01"]);
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: own,
      [REVIEW]: review,
      [CALL]: call,
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const ticks: Array<[string, string]> = [
      ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-20"],
      // Deleted from the page.
      ["- [ ] Send the contract \u2705 2025-05-01", ""],
      // The review's task, cancelled in its note by the Tasks plugin meanwhile, then on the page.
      ["- [ ] Share the roadmap \u274c 2025-06-02", "- [-] Share the roadmap \u274c 2025-06-20"],
    ];
    const ticked = ticks.reduce((text, [from, to]) => {
      expect(text.split(`${from}\n`)).toHaveLength(2);
      return text.replace(`${from}\n`, to === "" ? "" : `${to}\n`);
    }, read(vault, PAGE));
    const closed = review.replace("- [ ] Share the roadmap \u274c 2025-06-02", "- [-] Share the roadmap \u274c 2025-06-20");
    writeFiles(vault, { [PAGE]: ticked, [REVIEW]: closed });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([
      // The call's `Share the roadmap`, the one open task of the text, stands open on the page: the
      // stale line is no open task, and ticking the line the page shows would close the call's (B38-F).
      "warning: Customers/Delta.md: tick dropped, no open task matches it: - [-] Share the roadmap \u274c 2025-06-20",
      "warning: Customers/Delta.md: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send the contract \u2705 2025-06-20",
    ]);
    expect(read(vault, CALL)).toBe(call);
    expect(read(vault, SYNC)).toBe(own);
    expect(read(vault, REVIEW)).toBe(closed);
    expect(read(vault, PAGE)).toContain("## Open Tasks\n\n- [ ] Send the contract\n- [ ] Share the roadmap\n- [ ] Send the contract \u2705 2025-05-01\n- [ ] Send the contract \u2705 2025-06-01\n\n");
    expectSecondRunIdle(vault);
  });

  it("with source links off, two tasks of one text, with and without a Tasks date, both ticked so that their lines read alike, are both closed (B35-H)", () => {
    // Each task is shown once, so as many ticked lines as tasks gone from the page that read as
    // them are those tasks, one each: before, every such line was taken for one task and the other
    // tick was lost, no warning.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const REVIEW = "Meetings/2025-06-11 - Delta review.md";
    const call = (box: string) => lines("---", "type: meeting", "---", "Call with [[Delta]].", "", `- [${box}] Send the contract`);
    const review = (box: string) => lines("---", "type: meeting", "---", "Review with [[Delta]].", "", `- [${box}] Send the contract \u2705 2025-05-01`);
    const own = (box: string) => sync([`- [${box}] Send the contract \u2705 2025-06-01`]);
    const shapes: Array<{ why: string; ticks: Array<[string, string]>; closed: string[] }> = [
      {
        why: "both ticked by the Tasks plugin today",
        ticks: [
          ["- [ ] Send the contract", "- [x] Send the contract \u2705 2025-06-20"],
          ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-20"],
        ],
        closed: [CALL, SYNC],
      },
      {
        why: "one typed, the other ticked by the Tasks plugin",
        ticks: [
          ["- [ ] Send the contract", "- [x] Send the contract"],
          ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-20"],
        ],
        closed: [CALL, SYNC],
      },
      {
        why: "one ticked by the Tasks plugin on the day the other's own date names, the other clicked",
        ticks: [
          ["- [ ] Send the contract", "- [x] Send the contract \u2705 2025-06-01"],
          ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-01"],
        ],
        closed: [CALL, SYNC],
      },
      {
        why: "two dated ones ticked by the Tasks plugin today, the one without a date still shown",
        ticks: [
          ["- [ ] Send the contract \u2705 2025-05-01", "- [x] Send the contract \u2705 2025-06-20"],
          ["- [ ] Send the contract \u2705 2025-06-01", "- [x] Send the contract \u2705 2025-06-20"],
        ],
        closed: [REVIEW, SYNC],
      },
    ];
    for (const { why, ticks, closed } of shapes) {
      const vault = makeVault({
        ...sourceLinksOff(),
        [SYNC]: own(" "),
        [REVIEW]: review(" "),
        [CALL]: call(" "),
      });
      expect(regenerate(vault).warnings, why).toEqual([]);
      const ticked = ticks.reduce((text, [from, to]) => {
        expect(text.split(`${from}\n`), why).toHaveLength(2);
        return text.replace(`${from}\n`, `${to}\n`);
      }, read(vault, PAGE));
      writeFiles(vault, { [PAGE]: ticked });
      const r = regenerate(vault);
      expect(r.warnings, why).toEqual([]);
      const box = (path: string) => (closed.includes(path) ? "x" : " ");
      expect([read(vault, CALL), read(vault, REVIEW), read(vault, SYNC)], why).toEqual([call(box(CALL)), review(box(REVIEW)), own(box(SYNC))]);
      expectSecondRunIdle(vault);
    }
  });

  it("with source links off, a Tasks tick that replaced a task's own date never closes a task of its text without the date that the page never showed (B35-I)", () => {
    // A task added to a note after the page was written is not on the page either: that the task of
    // the cut text has no open line there does not make it the one ticked, while a task that ends in
    // a Tasks date is gone from the page too. Before, the new task was closed, no warning, and the
    // ticked one stayed open; now the tick is dropped with the warning, and the next page shows both.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const own = sync(["- [ ] Send the contract \u2705 2025-06-01"]);
    const call = lines("---", "type: meeting", "---", "Call with [[Delta]].", "", "- [ ] Send the contract");
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: own,
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const shown = read(vault, PAGE);
    expect(shown.split("- [ ] Send the contract \u2705 2025-06-01\n")).toHaveLength(2);
    const ticked = shown.replace("- [ ] Send the contract \u2705 2025-06-01\n", "- [x] Send the contract \u2705 2025-06-20\n");
    writeFiles(vault, { [PAGE]: ticked, [CALL]: call });
    const r = regenerate(vault);
    expect(r.warnings).toEqual(["warning: Customers/Delta.md: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send the contract \u2705 2025-06-20"]);
    expect(read(vault, CALL)).toBe(call);
    expect(read(vault, SYNC)).toBe(own);
    expect(read(vault, PAGE)).toContain("- [ ] Send the contract\n- [ ] Send the contract \u2705 2025-06-01\n");
    expectSecondRunIdle(vault);
  });

  it("with source links off, a task of a text clicked with its own Tasks date and the task of that text without it cancelled by the Tasks plugin both take their status (B35-I)", () => {
    // The clicked line reads as its own task: that task's line is gone from the page because it
    // is ticked, not because another line may be it, and the cancelled line is the other task.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const call = (box: string) => lines("---", "type: meeting", "---", "Call with [[Delta]].", "", `- [${box}] Send the contract`);
    const own = (box: string) => sync([`- [${box}] Send the contract \u2705 2025-06-01`]);
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: own(" "),
      [CALL]: call(" "),
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const ticks: Array<[string, string]> = [
      ["- [ ] Send the contract\n", "- [-] Send the contract \u274c 2025-06-20\n"],
      ["- [ ] Send the contract \u2705 2025-06-01\n", "- [x] Send the contract \u2705 2025-06-01\n"],
    ];
    const ticked = ticks.reduce((text, [from, to]) => {
      expect(text.split(from)).toHaveLength(2);
      return text.replace(from, to);
    }, read(vault, PAGE));
    writeFiles(vault, { [PAGE]: ticked });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect([read(vault, CALL), read(vault, SYNC)]).toEqual([call("-"), own("x")]);
    expectSecondRunIdle(vault);
  });

  it("with source links off, two tasks of one text, with and without a Tasks date, ticked by the Tasks plugin with two statuses are dropped with the warning, neither given the other's status (B35-I)", () => {
    // Both lines read as the text without the date, each with a date of today: neither tells which
    // task it is. Before, the first line went to the task without the date, whichever it was: here
    // the call's task, cancelled on the page, was written done, no warning.
    const CALL = "Meetings/2025-06-12 - Delta call.md";
    const call = lines("---", "type: meeting", "---", "Call with [[Delta]].", "", "- [ ] Send the contract \u2705 2025-06-01");
    const own = sync(["- [ ] Send the contract"]);
    const vault = makeVault({
      ...sourceLinksOff(),
      [SYNC]: own,
      [CALL]: call,
    });
    expect(regenerate(vault).warnings).toEqual([]);
    const shown = read(vault, PAGE);
    const from = "- [ ] Send the contract \u2705 2025-06-01\n- [ ] Send the contract\n";
    expect(shown.split(from)).toHaveLength(2);
    writeFiles(vault, { [PAGE]: shown.replace(from, "- [x] Send the contract \u2705 2025-06-20\n- [-] Send the contract \u274c 2025-06-20\n") });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([
      "warning: Customers/Delta.md: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send the contract \u2705 2025-06-20",
      "warning: Customers/Delta.md: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send the contract \u274c 2025-06-20",
    ]);
    expect([read(vault, CALL), read(vault, SYNC)]).toEqual([call, own]);
    expect(read(vault, PAGE)).toContain(from);
    expectSecondRunIdle(vault);
  });

  it("a templates folder whose name is decomposed on disk (macOS) is still excluded: a tick never closes its task", () => {
    // The setting is typed, so composed (NFC); the folder's name as macOS gives it is decomposed (NFD).
    const typed = "Mod\u00e8les";
    const onDisk = "Mode\u0300les";
    const template = lines("Sync with [[Delta]].", "", "- [ ] Send the contract");
    const vault = makeVault({
      ".obsidian/templates.json": JSON.stringify({ folder: typed }),
      [`${onDisk}/Delta meeting.md`]: template,
      [PAGE]: page([`- [x] Send the contract ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract"]),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`ticked 1 task(s) in ${SYNC}\n`);
    expect(r.stdout).not.toContain(onDisk);
    expect(read(vault, `${onDisk}/Delta meeting.md`)).toBe(template);
    // The template is no meeting of Delta's: neither in Recent Context nor in Open Tasks.
    expect(read(vault, PAGE)).not.toContain("[[Delta meeting]]");
    expect(read(vault, PAGE)).not.toContain("Send the contract");
  });

  it("a tick on a page that is not valid UTF-8 (never written) is not applied, run after run", () => {
    const source = sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]);
    const vault = makeVault({ [PAGE]: page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]), [SYNC]: source });
    const bytes = Buffer.concat([readFileSync(join(vault, PAGE)), Buffer.from("caf\xe9\n", "latin1")]);
    writeFileSync(join(vault, PAGE), bytes);
    for (let n = 0; n < 2; n++) {
      const r = regenerate(vault);
      expect(r.status).toBe(0);
      expect(r.warnings).toEqual([
        expect.stringMatching(/^warning: Customers\/Delta\.md: not valid UTF-8/),
        "warning: Customers/Delta.md: 1 tick(s) not applied: the page cannot be written (not valid UTF-8), and each run would apply them again",
      ]);
      expect(read(vault, SYNC)).toBe(source);
      expect(readFileSync(join(vault, PAGE)).equals(bytes)).toBe(true);
    }
  });

  it("two lines of the page ticking one task with two statuses, its note not valid UTF-8 (never written): the page keeps the upper line's status, and the lower line's tick is dropped with a warning, and the next run has no line to drop (B39-B)", () => {
    const vault = makeVault({
      [PAGE]: page([`- [-] Send the contract ${SRC}`, `- [x] send the contract. ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo"]),
    });
    const bytes = Buffer.concat([readFileSync(join(vault, SYNC)), Buffer.from("caf\xe9\n", "latin1")]);
    writeFileSync(join(vault, SYNC), bytes);
    const warned = (not: string): unknown[] => [
      expect.stringMatching(/^warning: Meetings\/2025-06-10 - Delta sync\.md: not valid UTF-8/),
      `warning: ${SYNC}: never written (not valid UTF-8); 1 task(s) left unticked`,
      `warning: ${PAGE}: tick dropped, a line above ticks the same task [-], which the page keeps ticked as ${SYNC} ${not} ` +
        `(the page's lines are read top down; the next run writes [-] back: change that line to [x] before then if [x] was meant): - [x] send the contract. ${SRC}`,
    ];
    ageFiles(vault);
    const before = snapshot(vault);
    const dry = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.warnings).toEqual(warned("would not be written"));
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual(warned("was not written"));
    expect(readFileSync(join(vault, SYNC)).equals(bytes)).toBe(true);
    // The task's one line, with the upper line's status; the next run (the note still not valid
    // UTF-8) keeps it so, and has no line left to drop.
    const kept = page([`- [-] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]);
    expect(read(vault, PAGE)).toBe(kept);
    const again = regenerate(vault);
    expect(again.warnings).toEqual([expect.stringMatching(/^warning: Meetings\/2025-06-10 - Delta sync\.md: not valid UTF-8/), `warning: ${SYNC}: never written (not valid UTF-8); 1 task(s) left unticked`]);
    expect(read(vault, PAGE)).toBe(kept);
  });

  it("two tasks the page would write as one line are one line, and its tick closes both (§8: folded)", () => {
    // `\$$` is text; a bare `$$` gets the page's backslash (guardLine): both lines would read `Pay the \$$ fee`.
    const vault = makeVault({
      [PAGE]: page([]),
      [SYNC]: sync(["- [ ] Pay the \\$$ fee", "- [ ] Pay the $$ fee", "- [ ] Book the demo"]),
    });
    expect(regenerate(vault).status).toBe(0);
    const listed = read(vault, PAGE);
    expect(listed).toContain(`## Open Tasks\n\n- [ ] Pay the \\$$ fee ${SRC}\n- [ ] Book the demo ${SRC}\n\n`);
    writeFiles(vault, { [PAGE]: listed.replace("- [ ] Pay", "- [x] Pay") });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(read(vault, SYNC)).toBe(sync(["- [x] Pay the \\$$ fee", "- [x] Pay the $$ fee", "- [ ] Book the demo"]));
    expect(read(vault, PAGE)).not.toContain("Pay the");
    expectSecondRunIdle(vault);
  });

  it("two identical open tasks in one note: only the first is ticked", () => {
    const vault = makeVault({
      // De-duplication folded the two tasks into one page line.
      [PAGE]: page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]));
    // The second one is still open, so the page lists it again, after Book the demo (position).
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`, `- [ ] Send the contract ${SRC}`]));
  });

  // Whether a page can show one open-task line twice (B30-B): the Refresher's written ticks are
  // filtered as a set, so such a page would have both lines taken as written.
  for (const sourceLinks of [true, false]) {
    it(`a task held on identical lines, in one note and in two, is one line on the page (source links ${sourceLinks ? "on" : "off"}; B30-B)`, () => {
      const CALL = "Meetings/2025-06-12 - Delta call.md";
      const vault = makeVault({
        ...(sourceLinks ? {} : { ".obsidian/plugins/customer-pages/data.json": JSON.stringify({ sourceLinks: false }) }),
        [PAGE]: page([]),
        [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]),
        // Newer, so first (§4); the same task but for case and a final period (§6's normalised text).
        [CALL]: lines("---", "type: meeting", "---", "Call with [[Delta]].", "", "## Action Items", "", "- [ ] send the contract.", "- [ ] Send the contract"),
      });
      const r = regenerate(vault);
      expect(r.status).toBe(0);
      expect(r.warnings).toEqual([]);
      const openTasks = read(vault, PAGE).split("## Open Tasks\n\n")[1]!.split("\n\n")[0];
      const call = sourceLinks ? " ([[2025-06-12 - Delta call]])" : "";
      const sync_ = sourceLinks ? ` ${SRC}` : "";
      expect(openTasks).toBe(`- [ ] send the contract.${call}\n- [ ] Book the demo${sync_}`);
    });
  }

  it("a ticked line the page shows twice (the user copied it) is one tick: of two identical lines in the note only the first is closed (B30-B)", () => {
    const vault = makeVault({
      [PAGE]: page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`, `- [x] Send the contract ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([]);
    expect(r.stdout).toContain(`ticked 1 task(s) in ${SYNC}\n`);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]));
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`, `- [ ] Send the contract ${SRC}`]));
    expectSecondRunIdle(vault);
  });

  it("two identical tasks in one note, the first closed by an earlier run: a tick met again (Sync brought the page later) closes no second line", () => {
    const ticked = page([`- [x] Send the contract ${SRC}`, `- [ ] Book the demo ${SRC}`]);
    const vault = makeVault({
      [PAGE]: ticked,
      [SYNC]: sync(["- [ ] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]),
    });
    expect(regenerate(vault).status).toBe(0);
    const closedOnce = sync(["- [x] Send the contract", "- [ ] Book the demo", "- [ ] Send the contract"]);
    expect(read(vault, SYNC)).toBe(closedOnce);
    // The page as another device left it, ticked when both lines were open, arrives after the run.
    writeFiles(vault, { [PAGE]: ticked });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([
      `warning: ${PAGE}: tick not written back: ${SYNC} holds this task on identical lines, one closed [x] already; ` +
        "the tick may be the one written there before (from another page, or by a run that could not write this page), " +
        `so which line it means is unknown: tick it in the note: - [x] Send the contract ${SRC}`,
    ]);
    expect(r.stdout).not.toContain("ticked");
    expect(read(vault, SYNC)).toBe(closedOnce);
    expect(read(vault, PAGE)).toBe(page([`- [ ] Book the demo ${SRC}`, `- [ ] Send the contract ${SRC}`]));
    expectSecondRunIdle(vault);
  });

  it("a closed task on a line identical to the ticked task's first line but of another text (its continuation line) is another task: the tick is written (B29-F)", () => {
    const vault = makeVault({
      [PAGE]: page([`- [x] Send the contract for the rollout ${SRC}`]),
      [SYNC]: sync(["- [x] Send the contract", "  for the pilot", "- [ ] Send the contract", "  for the rollout"]),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract", "  for the pilot", "- [x] Send the contract", "  for the rollout"]));
    expect(read(vault, PAGE)).not.toContain("Send the contract");
    expectSecondRunIdle(vault);
  });

  it("a tick also closes the same open task in the customer's other sources that de-duplication folded in", () => {
    const INTRO = "Meetings/2025-06-01 - Delta intro.md";
    const intro = lines("Intro call with [[Delta]].", "", "- [ ] Send the contract.", "- [ ] Loop in legal");
    // Another customer's note with the same task text is not one of Delta's sources.
    const OTHER = "Meetings/2025-06-12 - Omega sync.md";
    const other = lines("Sync with [[Omega]].", "", "- [ ] Send the contract");
    const vault = makeVault({
      [PAGE]: page([
        `- [x] Send the contract ${SRC}`,
        "- [ ] Loop in legal ([[2025-06-01 - Delta intro]])",
      ]).replace(
        "- 2025-06-10: [[2025-06-10 - Delta sync]] - Sync with Delta.\n",
        "- 2025-06-10: [[2025-06-10 - Delta sync]] - Sync with Delta.\n- 2025-06-01: [[2025-06-01 - Delta intro]] - Intro call with Delta.\n",
      ),
      [SYNC]: sync(["- [ ] Send the contract"]),
      [INTRO]: intro,
      "Customers/Omega.md": lines("---", "type: customer", "---", "# Omega"),
      [OTHER]: other,
    });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([]);
    expect(r.status).toBe(0);
    expect(read(vault, SYNC)).toBe(sync(["- [x] Send the contract"]));
    expect(read(vault, INTRO)).toBe(lines("Intro call with [[Delta]].", "", "- [x] Send the contract.", "- [ ] Loop in legal"));
    expect(read(vault, OTHER)).toBe(other);
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-06-10",
        "---",
        "# Delta",
        "",
        "## Recent Context",
        "",
        "- 2025-06-10: [[2025-06-10 - Delta sync]] - Sync with Delta.",
        "- 2025-06-01: [[2025-06-01 - Delta intro]] - Intro call with Delta.",
        "",
        "## Open Tasks",
        "",
        "- [ ] Loop in legal ([[2025-06-01 - Delta intro]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-06-10 |",
      ),
    );
  });

  it("ticks reach tasks with a block id, in a callout, nested in a list, numbered; path links for shared basenames", () => {
    const GOLF = "Customers/Golf.md";
    const MEET = "Meetings/2025/2025-06-05 - Golf sync.md";
    // Same basename elsewhere: the page links both notes by path (§7). It also mentions Golf.
    const OTHER = "Notes/2025-06-05 - Golf sync.md";
    const meeting = (box: string) =>
      lines(
        "Sync with [[Golf]].",
        "",
        `- [${box}] Send deck ^deck`,
        "> [!todo] Follow-ups",
        `> - [${box}] Call back [[#Agenda]]`,
        "- Infrastructure",
        `  - [${box}] Ask about DR`,
        `1. [${box}] Numbered task`,
      );
    const M = "Meetings/2025/2025-06-05 - Golf sync";
    const golf = (box: string) =>
      lines(
        "---",
        "last_contact: 2025-06-05",
        "---",
        "# Golf",
        "",
        "## Recent Context",
        "",
        `- 2025-06-05: [[${M}]] - Sync with Golf.`,
        "- 2025-06-05: [[Notes/2025-06-05 - Golf sync]] - About nothing.",
        "",
        "## Open Tasks",
        "",
        ...(box === ""
          ? []
          : [
              `- [${box}] Send deck ([[${M}#^deck]])`,
              `- [${box}] Call back [[${M}#Agenda]] ([[${M}]])`,
              `- [${box}] Ask about DR ([[${M}]])`,
              `- [${box}] Numbered task ([[${M}]])`,
            ]),
        ...(box === "" ? [] : [""]),
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-06-05 |",
      );
    const vault = makeVault({ [GOLF]: lines("# Golf"), [MEET]: meeting(" "), [OTHER]: lines("About nothing.") });
    // First run: the page as the tool writes it.
    expect(regenerate(vault).status).toBe(0);
    expect(read(vault, GOLF)).toBe(golf(" "));
    // The user ticks all four.
    writeFiles(vault, { [GOLF]: golf("x") });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, MEET)).toBe(meeting("x"));
    expect(read(vault, OTHER)).toBe(lines("About nothing."));
    // Open Tasks now has an empty body; the section is kept.
    expect(read(vault, GOLF)).toBe(golf(""));
    // The atomic writes of the page and the source left no temporary file.
    expect(listFiles(vault)).toEqual([GOLF, MEET, OTHER].sort());
    expectSecondRunIdle(vault);
  });

  it("a note direct for two customers: a tick on one page closes the task, and both pages drop it", () => {
    const JOINT = "Meetings/2025-06-05 - joint.md";
    const joint = (box: string) =>
      lines("Joint call with [[Juliet]] and [[Kilo]].", "", `- [${box}] Shared task`, "", "```", "- [ ] Fenced task", "```");
    const pageOf = (name: string, task: string | null) =>
      lines(
        "---",
        "last_contact: 2025-06-05",
        "---",
        `# ${name}`,
        "",
        "## Recent Context",
        "",
        "- 2025-06-05: [[2025-06-05 - joint]] - Joint call with Juliet and Kilo.",
        "",
        "## Open Tasks",
        "",
        ...(task === null ? [] : [task, ""]),
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-06-05 |",
      );
    const vault = makeVault({
      // The user ticked on Juliet's page, through a source link with shown text.
      "Customers/Juliet.md": pageOf("Juliet", "- [x] Shared task ([[2025-06-05 - joint|the joint call]])"),
      "Customers/Kilo.md": pageOf("Kilo", "- [ ] Shared task ([[2025-06-05 - joint]])"),
      [JOINT]: joint(" "),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // The fenced task is invisible: it is neither listed nor ticked.
    expect(read(vault, JOINT)).toBe(joint("x"));
    expect(read(vault, "Customers/Juliet.md")).toBe(pageOf("Juliet", null));
    expect(read(vault, "Customers/Kilo.md")).toBe(pageOf("Kilo", null));
    expectSecondRunIdle(vault);
  });

  it("one task ticked [-] on one page and [x] on another: the first page's status is written, and a warning names both pages", () => {
    const JOINT = "Meetings/2025-06-05 - joint.md";
    const joint = (box: string) => lines("Joint call with [[Juliet]] and [[Kilo]].", "", `- [${box}] Shared task`);
    const pageOf = (name: string, task: string | null) =>
      lines(
        "---",
        "last_contact: 2025-06-05",
        "---",
        `# ${name}`,
        "",
        "## Recent Context",
        "",
        "- 2025-06-05: [[2025-06-05 - joint]] - Joint call with Juliet and Kilo.",
        "",
        "## Open Tasks",
        "",
        ...(task === null ? [] : [task, ""]),
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-06-05 |",
      );
    const vault = makeVault({
      "Customers/Juliet.md": pageOf("Juliet", "- [-] Shared task ([[2025-06-05 - joint]])"),
      "Customers/Kilo.md": pageOf("Kilo", "- [x] Shared task ([[2025-06-05 - joint]])"),
      [JOINT]: joint(" "),
    });
    const dry = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.warnings).toEqual([
      `warning: Customers/Kilo.md: [x] not written back: Customers/Juliet.md ticked the same task [-], which would be written to ${JOINT} ` +
        "(the page read first wins; change it there if [x] was meant): - [x] Shared task ([[2025-06-05 - joint]])",
    ]);
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([
      `warning: Customers/Kilo.md: [x] not written back: Customers/Juliet.md ticked the same task [-], which was written to ${JOINT} ` +
        "(the page read first wins; change it there if [x] was meant): - [x] Shared task ([[2025-06-05 - joint]])",
    ]);
    expect(r.stdout).toContain(`ticked 1 task(s) in ${JOINT}`);
    expect(read(vault, JOINT)).toBe(joint("-"));
    expect(read(vault, "Customers/Juliet.md")).toBe(pageOf("Juliet", null));
    expect(read(vault, "Customers/Kilo.md")).toBe(pageOf("Kilo", null));
    expectSecondRunIdle(vault);
  });

  it("--dry-run and --check apply no tick to any note", () => {
    const files = {
      [PAGE]: page([`- [x] Send the contract ${SRC}`]),
      [SYNC]: sync(["- [ ] Send the contract"]),
    };
    for (const flag of ["--dry-run", "--check"]) {
      const vault = makeVault(files);
      ageFiles(vault);
      const before = snapshot(vault);
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, flag]);
      expect(r.status, flag).toBe(flag === "--check" ? 1 : 0);
      const after = snapshot(vault);
      expect(changedPaths(before, after), flag).toEqual([]);
      expect(touchedPaths(before, after), flag).toEqual([]);
    }
  });
});
