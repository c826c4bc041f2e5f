// A regeneration round tells the index of the pages it writes. A page written from a text other than
// the one the index read (an open editor's, holding unsaved edits while the file changed outside)
// may make it no customer's any more: its names go, and every note's mentions must be matched again.
// The round says so (needsRematch); the host runs the rematch (B41-G).
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
    // Written from the editor's text: a meeting again (its folder's kind), not a customer.
    expect(files.get(KICKOFF)).toBe("---\nlast_contact: unknown\n---\nKickoff call.\n\n## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Last contact** | unknown |\n");
    expect(index.isCustomer(KICKOFF)).toBe(false);
    expect(report.needsRematch).toBe(true);
    // Before the rematch: the kickoff's mentions were matched while it was a customer itself, when
    // its own name ("… Acme kickoff") was one to find — so Acme's page does not show it.
    const acme = (): string => renderPage(index, "Customers/Acme.md", files.get("Customers/Acme.md")!, TODAY).text;
    expect(acme()).not.toContain("Acme kickoff");
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

  it("a page the round wrote before the names changed is named for another round (alsoAffected): a meeting again, the kickoff relates to Acme through Ann Lee", async () => {
    // The kickoff names no customer: the rematch changes nothing, and only the change of the
    // customers (a meeting linking Acme's contact) says that Acme's page, written first, is stale.
    const { kickoff, files, index } = kickoffAsPage();
    const io: RegenerateIO = {
      read: async (p) => (p === kickoff ? "Kickoff with [[Ann Lee]].\n" : (files.get(p) ?? null)),
      write: async (p, _expected, next) => {
        files.set(p, next);
        return true;
      },
    };
    const report = await regenerate(index, ["Customers/Acme.md", kickoff], io, { today: TODAY, write: true });
    expect(index.isCustomer(kickoff)).toBe(false);
    expect(files.get("Customers/Acme.md")).not.toContain("Kickoff");
    expect(report.alsoAffected).toEqual(["Customers/Acme.md"]);
    await regenerate(index, report.alsoAffected, io, { today: TODAY, write: true });
    // By hand: the meeting links Ann Lee, Acme's contact (§5).
    expect(files.get("Customers/Acme.md")).toContain("\n- 2025-06-01: [[2025-06-01 - Kickoff]] - Kickoff with Ann Lee. (via Ann Lee)\n");
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
