// Warnings on stderr (`warning: <vault-relative path>: <message>`): the run goes on, exit 0, and
// the notes that caused them are left as they are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, changedPaths, lines, makeVault, read, readBytes, removeTemps, runCli, snapshot, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-08-01";
const PAGE = "Customers/Echo.md";
const CALL = "Meetings/2025-07-01 - Echo call.md";

function regenerate(vault: string) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
}

/** The Echo page after one run with one related note, the 2025-07-01 call. */
const ECHO_DONE = lines(
  "---",
  "type: customer",
  "last_contact: 2025-07-01",
  "---",
  "# Echo",
  "",
  "## Recent Context",
  "",
  "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.",
  "",
  "## Account Status",
  "",
  "| Field | Value |",
  "|-------|-------|",
  "| **Last contact** | 2025-07-01 |",
);

describe("invalid frontmatter in a meeting note", () => {
  it.each([
    ["YAML that does not parse", ["date: 2025-02-02", "title: [unclosed"]],
    ["duplicate keys", ["date: 2025-02-02", "date: 2025-03-03"]],
    ["YAML that is not a mapping", ["- date: 2025-02-02", "- b"]],
  ])("%s: one warning line naming the file, exit 0, the note untouched and still read by its body", (_name, yaml) => {
    const note = lines("---", ...yaml, "---", "Call with [[Echo]].");
    const vault = makeVault({ [PAGE]: lines("---", "type: customer", "---", "# Echo"), [CALL]: note });
    const before = snapshot(vault);
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([expect.stringMatching(/^warning: Meetings\/2025-07-01 - Echo call\.md: \S/)]);
    expect(read(vault, CALL)).toBe(note);
    // The frontmatter counts as empty: the date comes from the basename, the body still links Echo.
    expect(read(vault, PAGE)).toBe(ECHO_DONE);
    expect(changedPaths(before, snapshot(vault))).toEqual([PAGE]);
  });
});

describe("unresolved links", () => {
  it("an unresolved link gives a warning line naming the note; an attachment gives none", () => {
    const note = lines("Call with [[Echo]] and [[Nobody Here]].", "", "![[diagram.png]] and [[slides.pdf]]");
    const vault = makeVault({ [PAGE]: lines("---", "type: customer", "---", "# Echo"), [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]!.startsWith(`warning: ${CALL}: `)).toBe(true);
    expect(r.errLines[0]).toContain("Nobody Here");
    expect(read(vault, CALL)).toBe(note);
    expect(read(vault, PAGE)).toBe(
      ECHO_DONE.replace("Call with Echo.", "Call with Echo and Nobody Here."),
    );
  });

  it("a link by an alias several notes carry names them: §3 step 5 opens an alias only when one note carries it", () => {
    // As a sync tool's copy of a person or customer page (`Ann 1.md`, `Ann (conflicted copy).md`) leaves it.
    const person = lines("---", "type: person", "aliases: [Annie]", "---");
    const vault = makeVault({
      "People/Ann.md": person,
      "People/Ann (conflicted copy 2025-11-01).md": person,
      "People/Bo.md": lines("---", "aliases: [annie]", "---"),
      "A.md": lines("See [[Annie]], [[ANNIE.md|her]] and [Annie](Annie.md), and [[Nowhere]]."),
    });
    for (const command of ["links", "regenerate"]) {
      const r = runCli(cli, [command, "--vault", vault]);
      expect(r.status).toBe(0);
      expect(r.warnings).toEqual([
        "warning: A.md: unresolved links [[Annie]] (an alias of People/Ann (conflicted copy 2025-11-01).md, People/Ann.md and People/Bo.md), " +
          "[[ANNIE.md]] (an alias of People/Ann (conflicted copy 2025-11-01).md, People/Ann.md and People/Bo.md), " +
          "[Annie](Annie.md) (an alias of People/Ann (conflicted copy 2025-11-01).md, People/Ann.md and People/Bo.md), [[Nowhere]]",
      ]);
    }
  });

  it("the links command reports the same warning", () => {
    const vault = makeVault({ "A.md": lines("See [[Nowhere]].") });
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]!.startsWith("warning: A.md: ")).toBe(true);
  });
});

describe("problems on the page itself", () => {
  it("invalid page frontmatter is kept untouched (with a warning naming the page) and the body is still regenerated", () => {
    const page = lines("---", "type: customer", "aliases: [unclosed", "last_contact: 2020-01-01", "---", "# Echo");
    const vault = makeVault({ [PAGE]: page, [CALL]: lines("Call with [[Echo]].") });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w.startsWith(`warning: ${PAGE}: `)).toBe(true);
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "aliases: [unclosed",
        "last_contact: 2020-01-01",
        "---",
        "# Echo",
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
      ),
    );
  });

  it("a managed section twice: only the first is managed, a warning names the page", () => {
    const page = lines(
      "---",
      "type: customer",
      "---",
      "# Echo",
      "",
      "## Recent Context",
      "",
      "old",
      "",
      "## Recent Context",
      "",
      "manual second copy",
    );
    const vault = makeVault({ [PAGE]: page, [CALL]: lines("Call with [[Echo]].") });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]!.startsWith(`warning: ${PAGE}: `)).toBe(true);
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-07-01",
        "---",
        "# Echo",
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.",
        "",
        // Inserted after the managed Recent Context, before the next heading at its level.
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
        "",
        "## Recent Context",
        "",
        "manual second copy",
      ),
    );
  });
});

describe("text that is not valid UTF-8", () => {
  it("a warning names the note, which is left byte for byte", () => {
    const bytes = Buffer.concat([Buffer.from("Call with [[Echo]]. caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const vault = makeVault({ [PAGE]: lines("---", "type: customer", "---", "# Echo"), [CALL]: bytes });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([expect.stringMatching(/^warning: Meetings\/2025-07-01 - Echo call\.md: \S/)]);
    expect(readBytes(vault, CALL).equals(bytes)).toBe(true);
    expect(read(vault, PAGE)).toBe(ECHO_DONE.replace("Call with Echo.", "Call with Echo. caf\uFFFD"));
  });
});

describe("unresolved links the page copied from a note", () => {
  it("are warned about once, under the note, on the first run and every later one; the user's own links on the page still are", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Echo", "", "Ask [[Legal]] first.", "", "## Notes", "", "See [[Old deck]]."),
      [CALL]: lines("Call with [[Echo]].", "", "## Key Facts", "", "- Uses [[Veeam]] for backup", "", "- [ ] Ask [[Jane]] for the quote"),
    });
    const expected = [
      "warning: Customers/Echo.md: unresolved links [[Legal]], [[Old deck]]",
      `warning: ${CALL}: unresolved links [[Veeam]], [[Jane]]`,
    ];
    const first = regenerate(vault);
    expect(first.errLines).toEqual(expected);
    expect(read(vault, PAGE)).toContain("- Uses [[Veeam]] for backup ([[2025-07-01 - Echo call]])");
    const second = regenerate(vault);
    expect(second.errLines).toEqual(expected);
    expect(second.stdout).toContain("0 updated, 1 unchanged; 2 warning(s)");
    // A tick takes the task off the page: that run warns about the note alone still.
    const ticked = read(vault, PAGE).replace("- [ ] Ask [[Jane]]", "- [x] Ask [[Jane]]");
    writeFiles(vault, { [PAGE]: ticked });
    expect(regenerate(vault).errLines).toEqual(expected);
  });
});

describe("an unresolved markdown link", () => {
  it("is shown as a markdown link with its destination as written, so that the note can be searched for it", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Echo"),
      "Meetings/Sub/2025-07-01 Call.md": lines("Call with [[Echo]]: [notes](./Echo%20Plan.md) and [x](Echo%2520Corp.md#Next%20steps)."),
    });
    expect(regenerate(vault).errLines).toEqual([
      "warning: Meetings/Sub/2025-07-01 Call.md: unresolved links [notes](./Echo%20Plan.md), [x](Echo%2520Corp.md#Next%20steps)",
    ]);
  });

  it("names the link exactly as the note writes it: an escaped `#` is no heading, angle brackets and escapes stay", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Echo"),
      "Meetings/2025-07-01 Call.md": lines(
        "Call with [[Echo]]: [ops](C%23ops.md), [heading](C#ops.md), [plan](<Echo Plan.md>), [same](Echo%20Plan.md) and [café](Caf%C3%A9.md).",
      ),
    });
    // Decoded and encoded again, the first would read `[ops](C#ops.md)`: the second link, a heading of C.
    expect(regenerate(vault).errLines).toEqual([
      "warning: Meetings/2025-07-01 Call.md: unresolved links [ops](C%23ops.md), [heading](C#ops.md), [plan](<Echo Plan.md>), [same](Echo%20Plan.md), [café](Caf%C3%A9.md)",
    ]);
  });
});
