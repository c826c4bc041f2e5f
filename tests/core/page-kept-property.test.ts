// What a page render keeps between edits (docs/performance.md, "Fifth round"): each customer's
// related notes in §4 order, patched as notes change; its people sections, kept while no related
// note changes its links or date; each note's items as numbered dedup keys. After any sequence of
// edits — many of which change only a task line, the case where the people are kept — every page
// equals the page a fresh build gives, the kept order is the §4 order, and the last contact is the
// newest related date not after today.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateRank, notAfter, parseIsoDay, type NoteDate } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { compareNotes, lastContactOf } from "../../src/core/page";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;
const SETTINGS = { ...DEFAULT_SETTINGS, ignoredPeople: ["P4"] };

const CUSTOMERS: Record<string, string> = {
  "Customers/Acme.md": "---\ntype: customer\n---\n",
  "Customers/Globex.md": "---\ntype: customer\ncontacts: [P2]\n---\n",
};
const PEOPLE = ["P1", "P2", "P3", "P4"];
const MEETINGS = ["Meetings/M1.md", "Meetings/M2.md", "Meetings/M3.md", "Daily/2025-12-30.md", "Notes/N1.md", "Notes/N2.md"];
const DATES = ["", "date: 2025-10-01\n", "date: 2025-10-01\n", "date: 2025-10\n", "date: 2025-12-31\n", "date: 2026-03-01\n", "date: 2024-01-15\n"];
const LINKS = ["[[Acme]]", "[[Globex]]", "[[P1]]", "[[P2]]", "[[P3]]", "[[P4]]", "[[Nobody]]"];
const ITEMS = ["- [ ] call back", "- [ ] send the deck", "- [x] done already", "- [ ] call back"];

const meetingBody = fc
  .tuple(fc.constantFrom(...DATES), fc.subarray(LINKS, { minLength: 1 }), fc.subarray(ITEMS), fc.constantFrom("meeting", "note"))
  .map(([date, links, items, type]) => `---\ntype: ${type}\n${date}---\nWith ${links.join(", ")}.\n\n## Action Items\n\n${items.join("\n")}\n`);

const personBody = fc
  .tuple(fc.constantFrom("Eng", "PM", ""), fc.constantFrom('"[[Acme]]"', "Globex", '"[[Globex]]"'))
  .map(([role, company]) => `---\ntype: person\nrole: ${role}\ncompany: ${company}\n---\n`);

type Op =
  | { kind: "set"; path: string; text: string }
  | { kind: "task"; path: string; n: number }
  | { kind: "redate"; path: string; date: string }
  | { kind: "delete"; path: string }
  | { kind: "rename"; path: string; to: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), path: fc.constantFrom(...MEETINGS), text: meetingBody }),
  fc.record({ kind: fc.constant("set" as const), path: fc.constantFrom(...PEOPLE.map((p) => `People/${p}.md`)), text: personBody }),
  // A save that changes no link and no date: the people sections are kept.
  fc.record({ kind: fc.constant("task" as const), path: fc.constantFrom(...MEETINGS), n: fc.nat(99) }),
  fc.record({ kind: fc.constant("task" as const), path: fc.constantFrom(...MEETINGS), n: fc.nat(99) }),
  // Only the date changes: the order moves, and with it who was seen last (Key Contacts).
  fc.record({ kind: fc.constant("redate" as const), path: fc.constantFrom(...MEETINGS), date: fc.constantFrom(...DATES) }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...MEETINGS, "People/P1.md", "People/P3.md") }),
  fc.record({ kind: fc.constant("rename" as const), path: fc.constantFrom(...MEETINGS), to: fc.constantFrom("Meetings/M9.md", "Notes/N9.md", "Daily/2025-09-09.md") }),
);

/** lastContactOf as it was: every related note visited, the newest known date not after today kept. */
function lastContactReference(index: VaultIndex, customer: string): NoteDate | null {
  let last: NoteDate | null = null;
  for (const e of index.relatedEntries(customer)) {
    const d = e.note.date;
    if (d && notAfter(d, TODAY) && (!last || dateRank(d) > dateRank(last))) last = d;
  }
  return last;
}

describe("what page renders keep between edits", () => {
  it("after any sequence of edits: pages, §4 order and last contact equal a fresh build's (property)", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 14 }), (ops) => {
        const state = new Map<string, string>(Object.entries(CUSTOMERS));
        for (const p of PEOPLE) state.set(`People/${p}.md`, `---\ntype: person\ncompany: "[[Acme]]"\n---\n`);
        state.set("Meetings/M1.md", "---\ntype: meeting\ndate: 2025-11-02\n---\nWith [[Acme]] and [[P1]].\n");
        const live = VaultIndex.build([...state].map(([path, text]) => ({ path, text })), SETTINGS);
        const render = (index: VaultIndex, c: string): string => renderPage(index, c, state.get(c)!, TODAY).text;
        // Render every page first, so that each edit below starts from kept people and order.
        for (const c of live.customerPaths()) render(live, c);
        for (const o of ops) {
          if (o.kind === "set") {
            state.set(o.path, o.text);
            live.set(o.path, o.text);
          } else if (o.kind === "task") {
            const text = (state.get(o.path) ?? "---\ntype: meeting\n---\nWith [[Acme]].\n") + `- [ ] follow up ${o.n}\n`;
            state.set(o.path, text);
            live.set(o.path, text);
          } else if (o.kind === "redate") {
            const old = state.get(o.path);
            if (old === undefined) continue;
            const text = old.replace(/^(---\ntype: \w+\n)(?:date: [^\n]*\n)?/, `$1${o.date}`);
            state.set(o.path, text);
            live.set(o.path, text);
          } else if (o.kind === "delete") {
            state.delete(o.path);
            live.delete(o.path);
          } else {
            const text = state.get(o.path);
            if (text === undefined || state.has(o.to)) continue;
            state.delete(o.path);
            state.set(o.to, text);
            live.rename(o.path, o.to, text);
          }
          const fresh = VaultIndex.build([...state].map(([path, text]) => ({ path, text })), SETTINGS);
          const where = JSON.stringify(ops);
          for (const c of fresh.customerPaths()) {
            expect(render(live, c), `${c} after ${where}`).toBe(render(fresh, c));
            const order = [...live.relatedEntries(c)].map((e) => e.note).sort(compareNotes).map((n) => n.path);
            expect(live.rankedEntries(c).map((e) => e.path), `order of ${c} after ${where}`).toEqual(order);
            expect(lastContactOf(live, c, TODAY), `last contact of ${c} after ${where}`).toEqual(lastContactReference(live, c));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
