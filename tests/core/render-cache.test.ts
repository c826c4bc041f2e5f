// Rendering keeps things between renders (page.ts: harvested items and their lines, person cells
// and lines; vault-index.ts: related entries and the people they link). Each case renders, makes
// the one change that must drop one of them, renders again and compares with a fresh index; the
// expected lines are written out by hand from the notes.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;
const ACME = "Customers/Acme.md";

function vault(files: Record<string, string>): { index: VaultIndex; files: Map<string, string> } {
  const map = new Map(Object.entries(files));
  return { index: VaultIndex.build([...map].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS), files: map };
}

function page(index: VaultIndex, files: Map<string, string>, customer = ACME): string {
  return renderPage(index, customer, files.get(customer)!, TODAY).text;
}

/** Applies a change to the warm index and checks the page against a fresh build. */
function change(v: { index: VaultIndex; files: Map<string, string> }, path: string, text: string | null): string {
  if (text === null) {
    v.files.delete(path);
    v.index.delete(path);
  } else {
    v.files.set(path, text);
    v.index.set(path, text);
  }
  const fresh = VaultIndex.build([...v.files].map(([p, t]) => ({ path: p, text: t })), DEFAULT_SETTINGS);
  const warm = page(v.index, v.files);
  expect(warm).toBe(page(fresh, v.files));
  return warm;
}

const BASE = {
  [ACME]: "---\ntype: customer\n---\n# Acme\n",
  "People/Ann.md": "---\ntype: person\ncompany: \"[[Acme]]\"\nrole: CTO\n---\n",
  "Meetings/2025-10-01 Sync.md": "Met [[Ann]] at [[Acme]].\n\n## Key Facts\n\n- Uses [[#Budget]] heading\n\n## Budget\n\nText.\n",
};

describe("what rendering keeps between renders", () => {
  it("a person's role edited (same name, same aliases) shows on the next render", () => {
    const v = vault(BASE);
    expect(page(v.index, v.files)).toContain("| [[Ann]] | CTO | Acme |");
    const after = change(v, "People/Ann.md", "---\ntype: person\ncompany: \"[[Acme]]\"\nrole: Buyer\n---\n");
    expect(after).toContain("| [[Ann]] | Buyer | Acme |");
    expect(after).not.toContain("CTO");
  });

  it("a linked note that stops being a person leaves Collaborators on the next render", () => {
    const v = vault({ ...BASE, "People/Bob.md": "---\ntype: person\nrole: Buyer\n---\n", "Meetings/2025-10-02 Call.md": "[[Bob]] and [[Acme]].\n" });
    expect(page(v.index, v.files)).toContain("| [[Bob]] | Buyer |  |");
    const after = change(v, "People/Bob.md", "---\ntype: project\n---\nBob is a project now.\n");
    expect(after).not.toContain("[[Bob]]");
  });

  it("a self-link's source becomes a shared name: the item shows the path on the next render", () => {
    const v = vault(BASE);
    expect(page(v.index, v.files)).toContain("- Uses [[2025-10-01 Sync#Budget]] heading");
    const after = change(v, "Archive/2025-10-01 Sync.md", "Another note with the same name.\n");
    expect(after).toContain("- Uses [[Meetings/2025-10-01 Sync#Budget]] heading");
  });

  it("a person whose name becomes shared is written by path in Collaborators and Related People", () => {
    const v = vault(BASE);
    expect(page(v.index, v.files)).toContain("- [[Ann]]");
    const after = change(v, "Team/Ann.md", "Someone else called Ann.\n");
    expect(after).toContain("| [[People/Ann]] | CTO | Acme |");
    expect(after).toContain("- [[People/Ann]]");
  });

  it("an edited related note shows its new items, and the old ones go", () => {
    const v = vault(BASE);
    expect(page(v.index, v.files)).toContain("- Uses [[2025-10-01 Sync#Budget]] heading");
    const after = change(v, "Meetings/2025-10-01 Sync.md", "Met [[Ann]] at [[Acme]].\n\n## Key Facts\n\n- Moved to the cloud\n");
    expect(after).toContain("- Moved to the cloud");
    expect(after).not.toContain("Uses [[");
  });

  it("a deleted person leaves the page on the next render", () => {
    const v = vault(BASE);
    expect(page(v.index, v.files)).toContain("| [[Ann]] | CTO | Acme |");
    const after = change(v, "People/Ann.md", null);
    expect(after).not.toContain("| [[Ann]]");
  });

  it("people with the same count sort by name, then path, and a renamed person moves", () => {
    // Names lower-cased: alice, bob (People/bob.md), bob (Team/Bob.md), zed; "bob" is shared, so
    // both are written by path; ties on a name go by path, "People/…" before "Team/…".
    const v = vault({
      [ACME]: "---\ntype: customer\n---\n# Acme\n",
      "People/Zed.md": "---\ntype: person\n---\n",
      "People/bob.md": "---\ntype: person\n---\n",
      "Team/Bob.md": "---\ntype: person\n---\n",
      "People/alice.md": "---\ntype: person\n---\n",
      "Meetings/2025-10-01 Sync.md": "[[Acme]] with [[Zed]], [[Team/Bob]], [[People/bob]] and [[alice]].\n",
    });
    const rows = (text: string): string[] => text.split("\n").filter((l) => l.startsWith("| [["));
    expect(rows(page(v.index, v.files))).toEqual(["| [[alice]] |  |  |", "| [[People/bob]] |  |  |", "| [[Team/Bob]] |  |  |", "| [[Zed]] |  |  |"]);
    v.files.set("People/Aaron.md", v.files.get("People/Zed.md")!);
    v.files.delete("People/Zed.md");
    v.files.set("Meetings/2025-10-01 Sync.md", "[[Acme]] with [[Aaron]], [[Team/Bob]], [[People/bob]] and [[alice]].\n");
    v.index.rename("People/Zed.md", "People/Aaron.md", v.files.get("People/Aaron.md")!);
    const after = change(v, "Meetings/2025-10-01 Sync.md", v.files.get("Meetings/2025-10-01 Sync.md")!);
    expect(rows(after)).toEqual(["| [[Aaron]] |  |  |", "| [[alice]] |  |  |", "| [[People/bob]] |  |  |", "| [[Team/Bob]] |  |  |"]);
  });
});

describe("rematch in steps", () => {
  it("leaves the index as it was until the last step, and applies nothing when the names change in between", () => {
    const files: Record<string, string> = {
      [ACME]: "---\ntype: customer\n---\n# Acme\n",
      "Meetings/2025-10-01 A.md": "Talked to Acme and Globex.\n",
      "Meetings/2025-10-02 B.md": "Globex only.\n",
      "Meetings/2025-10-03 C.md": "Nobody.\n",
    };
    const v = vault(files);
    const textOf = (p: string): string | undefined => v.files.get(p);
    expect([...v.index.relatedNotes(ACME)]).toEqual(["Meetings/2025-10-01 A.md"]);

    // Globex becomes a customer: its set() asks for a rematch.
    v.files.set("Customers/Globex.md", "---\ntype: customer\n---\n# Globex\n");
    expect(v.index.set("Customers/Globex.md", v.files.get("Customers/Globex.md")!).needsRematch).toBe(true);
    const steps = v.index.rematchSteps(textOf);
    steps.next();
    steps.next();
    // Halfway: nothing applied yet.
    expect(v.index.relatedNotes("Customers/Globex.md").size).toBe(0);
    // The names change again (Initech arrives) before the last step: this rematch applies nothing.
    v.files.set("Customers/Initech.md", "---\ntype: customer\n---\n# Initech\n");
    expect(v.index.set("Customers/Initech.md", v.files.get("Customers/Initech.md")!).needsRematch).toBe(true);
    let r = steps.next();
    while (!r.done) r = steps.next();
    expect(r.value).toEqual(new Set());
    expect(v.index.relatedNotes("Customers/Globex.md").size).toBe(0);

    // The rematch the second change asked for does it all.
    v.index.rematch(textOf);
    expect([...v.index.relatedNotes("Customers/Globex.md")].sort()).toEqual(["Meetings/2025-10-01 A.md", "Meetings/2025-10-02 B.md"]);
    const fresh = VaultIndex.build([...v.files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    for (const c of fresh.customerPaths()) expect(page(v.index, v.files, c)).toBe(page(fresh, v.files, c));
  });
});
