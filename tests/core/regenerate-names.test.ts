// A regeneration round tells the index of the pages it writes. A page written from a text other than
// the one the index read (an open editor's, holding unsaved edits while the file changed outside)
// may make it no customer's any more: its names go, and every note's mentions must be matched again.
// The round says so (needsRematch); the host runs the rematch (B41-G). A page text read with a
// frontmatter other than the index's is told at the round's read, and one that is no customer page is
// left as it is (B43-A).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-06-20")!;
const KICKOFF = "Meetings/2025-06-01 - Acme kickoff.md";

/** The files on disk, and an IO that reads `shown` where it has a text for the path (an open editor's). */
function setup(shown: Record<string, string>): { index: VaultIndex; io: RegenerateIO; files: Map<string, string> } {
  const files = new Map<string, string>([
    ["Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n"],
    // On disk it was just made a customer page; the editor still holds the meeting it was.
    [KICKOFF, "---\ntype: customer\n---\n"],
  ]);
  const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
  const io: RegenerateIO = {
    read: async (p) => shown[p] ?? files.get(p) ?? null,
    write: async (p, _expected, next) => {
      files.set(p, next);
      return true;
    },
  };
  return { index, io, files };
}

/**
 * Acme, its contact Ann Lee, and a kickoff meeting note made a customer page (`type: customer`):
 * the vault whose kickoff the tests below turn back into a meeting during a round.
 */
function kickoffAsPage(): { kickoff: string; files: Map<string, string>; index: VaultIndex } {
  const kickoff = "Meetings/2025-06-01 - Kickoff.md";
  const files = new Map<string, string>([
    ["Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n"],
    ["People/Ann Lee.md", '---\ncompany: "[[Acme]]"\n---\n'],
    [kickoff, "---\ntype: customer\n---\n"],
  ]);
  const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
  return { kickoff, files, index };
}

/**
 * An IO over `files` whose every write of `changed` finds it changed outside (to `text`) and is
 * refused, as a file edited between the round's read and its write; other writes check their text.
 */
function refusingAfterChange(files: Map<string, string>, changed: string, text: string): RegenerateIO {
  return {
    read: async (p) => files.get(p) ?? null,
    write: async (p, expected, next) => {
      if (p === changed) {
        files.set(p, text);
        return false;
      }
      if (files.get(p) !== expected) return false;
      files.set(p, next);
      return true;
    },
  };
}

describe("a page the round writes that is no customer's any more", () => {
  it("the report asks for a rematch, and the index, matched again, is a fresh build's", async () => {
    const { index, io, files } = setup({ [KICKOFF]: "Kickoff call.\n" });
    expect(index.isCustomer(KICKOFF)).toBe(true);
    const report = await regenerate(index, [KICKOFF], io, { today: TODAY, write: true });
    // The editor's text is a meeting again (its folder's kind): told to the index, and left as it is.
    // Before B43-A it was written as a page (last_contact, an Account Status section), then told.
    expect(files.get(KICKOFF)).toBe("---\ntype: customer\n---\n");
    expect(report.pages).toEqual([{ path: KICKOFF, changed: false, written: false, noLongerCustomer: true }]);
    expect(report.warnings).toEqual([{ file: KICKOFF, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(index.isCustomer(KICKOFF)).toBe(false);
    expect(report.needsRematch).toBe(true);
    // Before the rematch: the kickoff's mentions were matched while it was a customer itself, when
    // its own name ("… Acme kickoff") was one to find — so Acme's page does not show it.
    const acme = (): string => renderPage(index, "Customers/Acme.md", files.get("Customers/Acme.md")!, TODAY).text;
    expect(acme()).not.toContain("Acme kickoff");
    // The editor saves what it holds (B28-C: what Obsidian will save), as the host's index is told.
    files.set(KICKOFF, "Kickoff call.\n");
    index.rematch((p) => files.get(p));
    const fresh = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    expect(acme()).toBe(renderPage(fresh, "Customers/Acme.md", files.get("Customers/Acme.md")!, TODAY).text);
    // By hand: the kickoff names Acme in its title, and so is Acme's (mentions, §5).
    expect(acme()).toContain("\n- 2025-06-01: [[2025-06-01 - Acme kickoff]] - Kickoff call.\n");
  });

  it("a round whose pages stay customers' asks for none", async () => {
    const { index, io } = setup({});
    const report = await regenerate(index, ["Customers/Acme.md", KICKOFF], io, { today: TODAY, write: true });
    expect(report.pages.filter((p) => p.written).length).toBe(2);
    expect(report.needsRematch).toBeUndefined();
    expect(report.alsoAffected).toEqual([]);
  });

  // The kickoff names no customer: the rematch changes nothing, and only the change of the customers
  // (a meeting linking Acme's contact) changes Acme's page. Told at the round's read of the kickoff
  // (B43-A), before any page is rendered: Acme's page, first in the round, shows it at once (it was
  // written stale and named for another round, B42-A). A round of the kickoff alone names Acme's page.
  it.each([
    ["Acme's page, in the round, is rendered with the index told", true],
    ["Acme's page, not in the round, is named for another (alsoAffected)", false],
  ])("a page read as no customer's: %s; the kickoff relates to Acme through Ann Lee", async (_how, both) => {
    const editor = "Kickoff with [[Ann Lee]].\n";
    const { kickoff, files, index } = kickoffAsPage();
    const io: RegenerateIO = {
      read: async (p) => (p === kickoff ? editor : (files.get(p) ?? null)),
      write: async (p, _expected, next) => {
        files.set(p, next);
        return true;
      },
    };
    const report = await regenerate(index, both ? ["Customers/Acme.md", kickoff] : [kickoff], io, { today: TODAY, write: true });
    expect(index.isCustomer(kickoff)).toBe(false);
    expect(report.pages.find((p) => p.path === kickoff)).toEqual({ path: kickoff, changed: false, written: false, noLongerCustomer: true });
    expect(files.get(kickoff)).toBe("---\ntype: customer\n---\n");
    expect(report.alsoAffected).toEqual(both ? [] : ["Customers/Acme.md"]);
    if (!both) await regenerate(index, report.alsoAffected, io, { today: TODAY, write: true });
    // By hand: the meeting links Ann Lee, Acme's contact (§5).
    expect(files.get("Customers/Acme.md")).toContain("\n- 2025-06-01: [[2025-06-01 - Kickoff]] - Kickoff with Ann Lee. (via Ann Lee)\n");
    // The editor saves what it holds.
    files.set(kickoff, editor);
    const fresh = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    expect(files.get("Customers/Acme.md")).toBe(renderPage(fresh, "Customers/Acme.md", files.get("Customers/Acme.md")!, TODAY).text);
  });

  it("a source whose write was refused and that is a customer page when read again asks for a rematch", async () => {
    // The tick's note changed while it was applied: made a customer page (an alias) outside. The
    // round reads it again and tells the index, which takes it for a customer from then on.
    const kickoff = "Meetings/2025-06-01 - Kickoff.md";
    const files = new Map<string, string>([
      ["Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Open Tasks\n\n- [x] Send the plan ([[2025-06-01 - Kickoff]])\n"],
      [kickoff, "Acme kickoff.\n\n- [ ] Send the plan\n"],
    ]);
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const io = refusingAfterChange(files, kickoff, "---\ntype: customer\naliases: [Initech]\n---\n- [ ] Send the plan\n");
    const report = await regenerate(index, ["Customers/Acme.md"], io, { today: TODAY, write: true });
    expect(report.sources).toEqual([{ path: kickoff, ticks: 0, written: false }]);
    expect(index.isCustomer(kickoff)).toBe(true);
    expect(report.needsRematch).toBe(true);
  });

  it("a page no customer's any more when read again after its write was refused: the rematch asked for, and a page written before it named", async () => {
    // Made a meeting outside between the round's read and its write (and refusing every write after,
    // a sync tool holding it, say): the round tells the index of the text it read again, its only
    // change of names, and leaves the meeting as it is (B42-F: it rendered it again as a page).
    const { kickoff, files, index } = kickoffAsPage();
    const io = refusingAfterChange(files, kickoff, "Kickoff with [[Ann Lee]].\n");
    const report = await regenerate(index, ["Customers/Acme.md", kickoff], io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([{ file: kickoff, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(report.pages.find((p) => p.path === kickoff)).toEqual({ path: kickoff, changed: false, written: false, noLongerCustomer: true });
    expect(files.get(kickoff)).toBe("Kickoff with [[Ann Lee]].\n");
    expect(index.isCustomer(kickoff)).toBe(false);
    expect(report.needsRematch).toBe(true);
    expect(report.alsoAffected).toEqual(["Customers/Acme.md"]);
  });
});
