// The caches added for speed (docs/performance.md) — link texts, person cells, people by name —
// never show a stale answer: after any sequence of edits, each page equals the page a fresh build
// of the same notes gives, with the "ignored people" setting on so that its lookup is exercised.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;
const SETTINGS = { ...DEFAULT_SETTINGS, ignoredPeople: ["Ann Lee", "[[Bob]]", "ann"] };

const PATHS = [
  "Customers/Acme.md",
  "Customers/Globex.md",
  "People/Ann Lee.md",
  "People/Bob.md",
  "Team/Ann.md",
  "Other/Bob.md",
  "Projects/P.md",
  "Meetings/2025-10-01 A.md",
  "Daily/2025-10-03.md",
  "Notes/N.md",
  // Twins of People/Bob.md and Notes/N.md: paths that differ only in case (Linux keeps both).
  "people/bob.md",
  "notes/n.md",
];
const BODIES = [
  '---\ntype: person\ncompany: "[[Acme]]"\nrole: Eng\naliases: [Ann]\n---\n',
  "---\ntype: person\ncompany: Globex\nrole: PM\n---\n",
  '---\ntype: person\ncompany: "[[Glo]]"\n---\n',
  "---\ntype: customer\naliases: [Glo]\n---\n## Key Facts\n",
  "---\ntype: customer\ncontacts: [Bob]\n---\n",
  "---\ntype: meeting\n---\nWith [[Ann Lee]] and [[Bob]] about [[Acme]].\n## Key Facts\n- fact one\n",
  "Met [[Ann]] from Globex.\n- [ ] task [[Acme]]\n",
  "",
  '---\ntype: project\ncustomer: "[[Globex]]"\n---\n',
  "---\ntype: note\n---\n[[P]] [[Bob]] [[Other/Bob]]\n## Decisions\n- d1\n",
  "About [[Acme]] with [[bob]], [[/people/bob]] and [[N]].\n- [ ] ask [[n]]\n",
];

describe("incremental changes with the caches", () => {
  it("give the pages a fresh build gives (property)", () => {
    const op = fc.tuple(fc.constantFrom("set", "set", "set", "delete"), fc.constantFrom(...PATHS), fc.constantFrom(...BODIES));
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const state = new Map<string, string>();
        const live = VaultIndex.build([], SETTINGS);
        for (const [kind, path, body] of ops) {
          if (kind === "set") state.set(path, body);
          else state.delete(path);
          const change = kind === "set" ? live.set(path, body) : live.delete(path);
          if (change.needsRematch) live.rematch((p) => state.get(p));
          const fresh = VaultIndex.build([...state].map(([p, text]) => ({ path: p, text })), SETTINGS);
          expect(live.customerPaths()).toEqual(fresh.customerPaths());
          for (const c of fresh.customerPaths()) {
            expect(renderPage(live, c, state.get(c)!, TODAY).text, `${c} after ${JSON.stringify(ops)}`).toBe(renderPage(fresh, c, state.get(c)!, TODAY).text);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("show a person's Role and Company as last written, when the edit changes no link (property)", () => {
    const person = fc
      .tuple(fc.constantFrom("Eng", "PM", "", "CTO | VP"), fc.constantFrom('"[[Acme]]"', "Globex", '"[[Globex]]"', "", "[Acme, Initech]"))
      .map(([role, company]) => `---\ntype: person\nrole: ${role}\ncompany: ${company}\n---\n`);
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 6 }), (bodies) => {
        const state = new Map<string, string>([
          ["Customers/Acme.md", "---\ntype: customer\n---\n"],
          ["Customers/Globex.md", "---\ntype: customer\n---\n"],
          ["Meetings/2025-10-01 A.md", "---\ntype: meeting\n---\nWith [[Bob]] about [[Acme]] and [[Globex]].\n"],
        ]);
        const live = VaultIndex.build([...state].map(([p, text]) => ({ path: p, text })), SETTINGS);
        for (const body of bodies) {
          state.set("Team/Bob Stone.md", body);
          live.set("Team/Bob Stone.md", body);
          state.set("Meetings/2025-10-01 A.md", "---\ntype: meeting\n---\nWith [[Bob Stone]] about [[Acme]] and [[Globex]].\n");
          live.set("Meetings/2025-10-01 A.md", state.get("Meetings/2025-10-01 A.md")!);
          const fresh = VaultIndex.build([...state].map(([p, text]) => ({ path: p, text })), SETTINGS);
          for (const c of fresh.customerPaths()) {
            expect(renderPage(live, c, state.get(c)!, TODAY).text).toBe(renderPage(fresh, c, state.get(c)!, TODAY).text);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
