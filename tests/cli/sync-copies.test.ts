// Copies of notes that sync tools and Obsidian leave next to the original (`Acme 1.md`,
// `Acme (conflicted copy 2025-11-01).md`, `Acme.sync-conflict-….md`, `Acme (1).md` …). The tool
// does not guess from file names: a copy of a customer page is a customer page (§2) whose names
// are shared with the original (§5: not used for mentions or plain-text matches). What it owes the
// user is to say so, naming both files, and to say why a link by alias no longer opens anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-11-20";
const PAGE = "Customers/Acme.md";
const ACME = lines(
  "---",
  "type: customer",
  "title: Acme",
  "aliases: [Acme Corp]",
  "---",
  "# Acme",
  "",
  "## Notes",
  "",
  "Hand notes.",
);
const WEEKLY = "Meetings/2025-11-01 - Weekly.md";
const CALL = "Meetings/2025-11-02 - Call.md";

function vault(copy: string) {
  return makeVault({
    [PAGE]: ACME,
    [copy]: ACME,
    [WEEKLY]: lines("Talked with Acme about the renewal.", "", "- [ ] Send the quote"),
    [CALL]: lines("Call with [[Acme]] team."),
  });
}

function regenerate(dir: string, ...more: string[]) {
  return runCli(cli, ["regenerate", "--vault", dir, "--today", TODAY, ...more]);
}

describe("a copy of a customer page (same type, title and aliases)", () => {
  it.each([
    "Customers/Acme 1.md",
    "Customers/Acme (conflicted copy 2025-11-01).md",
    "Customers/Acme.sync-conflict-20251101-101010-ABCDEFG.md",
    "Customers/Acme-DESKTOP-123.md",
    "Customers/Acme (1).md",
  ])("%s: each page gets one warning naming the other as a likely copy, and what the shared names cost", (copy) => {
    const dir = vault(copy);
    const r = regenerate(dir, "--dry-run");
    expect(r.status).toBe(0);
    for (const [file, other] of [
      [PAGE, copy],
      [copy, PAGE],
    ]) {
      const mine = r.warnings.filter((w) => w.startsWith(`warning: ${file}: `));
      expect(mine, r.stderr).toEqual([
        `warning: ${file}: same title and aliases as ${other} ("Acme", "Acme Corp"), as a copy has (a sync conflict, "Make a copy"): ` +
          "while both are customer pages these names are not used for mentions or plain-text matches, and a link by alias opens neither, " +
          "so notes that only write them are on neither page; delete the copy, or give it names of its own",
      ]);
    }
  });

  it("what holds: a link by file name still opens the original, and a tick on the copy goes back to its note", () => {
    const copy = "Customers/Acme 1.md";
    const dir = vault(copy);
    expect(regenerate(dir).status).toBe(0);
    const page = read(dir, PAGE);
    expect(page).toContain("[[2025-11-02 - Call]]");
    // §5: a name two customers share is not used for mentions: the Weekly note is on neither page.
    expect(page).not.toContain("Weekly");
    // Ticked on the copy (as a sync conflict leaves a tick made on another device).
    writeFiles(dir, { [copy]: lines("---", "type: customer", "---", "# Acme 1", "", "## Open Tasks", "", "- [x] Send the quote ([[2025-11-01 - Weekly]])") });
    const r = regenerate(dir);
    expect(r.stdout).toContain(`ticked 1 task(s) in ${WEEKLY}`);
    expect(read(dir, WEEKLY)).toContain("- [x] Send the quote");
  });

  it("a copy in another folder shares the file name too: the one warning lists it with the others", () => {
    const page = lines("---", "type: customer", "title: Acme Inc", "aliases: [Acme Corp]", "---");
    const dir = makeVault({ [PAGE]: page, "Archive/Acme.md": page });
    const r = regenerate(dir, "--dry-run");
    expect(r.warnings).toEqual([
      expect.stringMatching(/^warning: Archive\/Acme\.md: same title and aliases as Customers\/Acme\.md \("Acme", "Acme Inc", "Acme Corp"\), as a copy has /),
      expect.stringMatching(/^warning: Customers\/Acme\.md: same title and aliases as Archive\/Acme\.md \("Acme", "Acme Inc", "Acme Corp"\), as a copy has /),
    ]);
  });

  it("pages without a title are not called copies (two companies may share their one alias): a warning per shared name", () => {
    const page = lines("---", "type: customer", "aliases: [Northstar]", "---");
    const dir = makeVault({ "Customers/Northstar Bank.md": page, "Customers/Northstar Energy.md": page });
    const r = regenerate(dir, "--dry-run");
    expect(r.warnings).toEqual([
      'warning: Customers/Northstar Bank.md: name "Northstar" is shared with Customers/Northstar Energy.md; not used for mentions or plain-text matches',
      'warning: Customers/Northstar Energy.md: name "Northstar" is shared with Customers/Northstar Bank.md; not used for mentions or plain-text matches',
    ]);
  });

  it("a title alone: the warning names it and says nothing of aliases", () => {
    const page = lines("---", "type: customer", "title: Acme", "---");
    const dir = makeVault({ [PAGE]: page, "Customers/Acme (1).md": page });
    const r = regenerate(dir, "--dry-run");
    expect(r.warnings[0]).toBe(
      'warning: Customers/Acme (1).md: same title as Customers/Acme.md ("Acme"), as a copy has (a sync conflict, "Make a copy"): ' +
        "while both are customer pages these names are not used for mentions or plain-text matches, so notes that only write them are on neither page; " +
        "delete the copy, or give it names of its own",
    );
    expect(r.warnings).toHaveLength(2);
  });

  it("two customers that share one name but not all of them are not called copies", () => {
    const dir = makeVault({
      [PAGE]: ACME,
      "Customers/Acme Labs.md": lines("---", "type: customer", "aliases: [Acme Corp, Labs]", "---", "# Acme Labs"),
    });
    const r = regenerate(dir, "--dry-run");
    expect(r.warnings.filter((w) => w.includes("same title and aliases"))).toEqual([]);
    expect(r.warnings).toContain(`warning: ${PAGE}: name "Acme Corp" is shared with Customers/Acme Labs.md; not used for mentions or plain-text matches`);
  });
});

describe("a copy of a meeting note", () => {
  it("is a second related note: its identical task is one Open Tasks line, and a tick there closes it in both (§6, §8)", () => {
    const copy = "Meetings/2025-11-01 - Weekly (conflicted copy 2025-11-02).md";
    const meeting = lines("Talked with [[Acme]] about the renewal.", "", "- [ ] Send the quote");
    const dir = makeVault({ [PAGE]: ACME, [WEEKLY]: meeting, [copy]: meeting });
    expect(regenerate(dir).warnings).toEqual([]);
    const page = read(dir, PAGE);
    expect(page).toContain("- 2025-11-01: [[2025-11-01 - Weekly]] - Talked with Acme about the renewal.");
    expect(page).toContain("- 2025-11-01: [[2025-11-01 - Weekly (conflicted copy 2025-11-02)]] - Talked with Acme about the renewal.");
    expect(page.match(/Send the quote/g)).toHaveLength(1);
    writeFiles(dir, { [PAGE]: page.replace("- [ ] Send the quote", "- [x] Send the quote") });
    const r = regenerate(dir);
    expect(r.warnings).toEqual([]);
    expect(read(dir, WEEKLY)).toContain("- [x] Send the quote");
    expect(read(dir, copy)).toContain("- [x] Send the quote");
    expect(read(dir, PAGE)).not.toContain("Send the quote");
  });
});
