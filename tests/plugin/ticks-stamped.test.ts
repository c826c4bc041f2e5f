// @vitest-environment happy-dom
// With source links off, an Open Tasks line ticked in Obsidian — by a click, with the Tasks plugin's
// done date stamped after it, or with a block id Obsidian appended — goes back to its note when the
// page is saved (refresh on save), open in an editor or not, and the vault is then what one CLI run
// makes of the same files and tick.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FakeHarness } from "../fake-obsidian/harness";
import { cliVault, crmVault, markdownOf, startPlugin } from "./setup";

const SETTINGS = { sourceLinks: false };
const ACME = "Customers/Acme.md";
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";

const REVIEW = "Meetings/2025-09-01 - Acme review.md";
const CALL = "Meetings/2025-09-02 - Acme call.md";

/**
 * The CRM vault with a review whose task keeps the date the Tasks plugin left on it (unticked by
 * hand in its note) and a call holding the task without it.
 */
function reviewAndCall(): Record<string, string> {
  const files = crmVault();
  files[REVIEW] = "Review with [[Acme]].\n\n- [ ] Send the contract ✅ 2025-06-01\n";
  files[CALL] = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
  return files;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Acme's page as both make it from crmVault with source links off, its Open Tasks body given. */
function acmePage(openTasks: string): string {
  return (
    "---\ntype: customer\nstatus: Active\nlast_contact: 2025-10-01\n---\n# Acme\n\nManual intro.\n\n" +
    "## Recent Context\n\n- 2025-10-01: [[2025-10-01 - Acme kickoff]] - Kickoff with Ann Lee.\n\n" +
    "## Key Facts\n\n- Acme runs two sites\n\n" +
    `## Open Tasks\n\n${openTasks}` +
    "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Status** | Active |\n| **Last contact** | 2025-10-01 |\n\n" +
    "## Key Contacts\n\n- [[Ann Lee]]\n\n" +
    "## Collaborators\n\n| Person | Role | Company |\n|--------|------|---------|\n| [[Ann Lee]] | CTO | Acme |\n\n" +
    "## Related People\n\n- [[Ann Lee]]\n\n## Notes\n\nMine.\n"
  );
}

type How = "editor" | "closed" | "both open";

/**
 * The plugin regenerates `files` (source links off), the page's line `from` becomes `to` — typed in
 * the page's editor and saved by Obsidian, or written while the page is not open, or typed with the
 * task's `note` open in another pane too — and refresh on save runs; at both steps every markdown
 * file is what the CLI makes of the same files.
 */
async function tickedBothWays(files: Record<string, string>, from: string, to: string, how: How, note = KICKOFF): Promise<FakeHarness> {
  const { h, plugin } = await startPlugin(files, SETTINGS);
  await plugin.regenerateAll();
  await h.settle();
  const first = await cliVault(files, SETTINGS);
  expect(markdownOf(h, first.keys())).toEqual(first);

  const page = first.get(ACME)!;
  expect(page.split(`\n${from}\n`)).toHaveLength(2);
  const ticked = page.replace(`\n${from}\n`, `\n${to}\n`);
  if (how !== "closed") {
    const noteEditor = how === "both open" ? (await h.openFile(note)).editor : null;
    const editor = (await h.openFile(ACME, { newLeaf: true })).editor;
    // `from` may be several lines, each ticked before Obsidian saves.
    const froms = from.split("\n");
    const shown = editor.getValue().split("\n");
    const line = shown.findIndex((_, k) => froms.every((f, j) => shown[k + j] === f));
    // The Tasks plugin, and a click on the box in Live Preview, rewrite the line in the editor.
    editor.replaceRange(to, { line, ch: 0 }, { line: line + froms.length - 1, ch: froms[froms.length - 1]!.length });
    await h.settle();
    expect(editor.getValue()).toBe(h.read(ACME));
    if (noteEditor !== null) expect(noteEditor.getValue()).toBe(h.read(note));
  } else {
    await h.modifyExternally(ACME, ticked);
    await h.settle();
  }
  const second = await cliVault({ ...Object.fromEntries(first), [ACME]: ticked }, SETTINGS);
  expect(markdownOf(h, second.keys())).toEqual(second);
  return h;
}

describe("source links off: a tick the user's tools stamped goes back on save, as the CLI writes it back", () => {
  for (const how of ["editor", "closed", "both open"] as const) {
    const where = { editor: "the page open in an editor", closed: "the page not open", "both open": "the page and the task's note open" }[how];
    it(`${where}: the Tasks plugin's done date after the tick`, async () => {
      const h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [x] Send the plan ✅ 2025-06-20", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [x] Send the plan\n");
      expect(h.read(ACME)).toBe(acmePage(""));
    });

    it(`${where}: a block id Obsidian appended to the ticked line, after the Tasks plugin's date too`, async () => {
      let h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [x] Send the plan ^abc123", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [x] Send the plan\n");
      expect(h.read(ACME)).toBe(acmePage(""));
      h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [x] Send the plan ✅ 2025-06-20 ^abc123", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [x] Send the plan\n");
      expect(h.read(ACME)).toBe(acmePage(""));
    });

    it(`${where}: the Tasks plugin's cancelled date, and its Dataview-format dates`, async () => {
      let h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [-] Send the plan ❌ 2025-06-20", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [-] Send the plan\n");
      expect(h.read(ACME)).toBe(acmePage(""));
      h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [x] Send the plan  [completion:: 2025-06-20]", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [x] Send the plan\n");
      h = await tickedBothWays(crmVault(), "- [ ] Send the plan", "- [-] Send the plan  [cancelled:: 2025-06-20]", how);
      expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [-] Send the plan\n");
      expect(h.read(ACME)).toBe(acmePage(""));
    });

    it(`${where}: a task whose own text ends in a done date is the one its tick closes, not a task without it`, async () => {
      // Unticked by hand in its note, the Tasks plugin's date left; another note holds the task without it.
      const files = reviewAndCall();
      const h = await tickedBothWays(files, "- [ ] Send the contract ✅ 2025-06-01", "- [x] Send the contract ✅ 2025-06-01", how, REVIEW);
      expect(h.read(REVIEW)).toBe("Review with [[Acme]].\n\n- [x] Send the contract ✅ 2025-06-01\n");
      expect(h.read(CALL)).toBe("Call with [[Acme]].\n\n- [ ] Send the contract\n");
      expect(h.read(ACME)).toContain("## Open Tasks\n\n- [ ] Send the plan\n- [ ] Send the contract\n\n## Account Status");
    });

    it(`${where}: the Tasks plugin's tick on a task whose own text ends in a done date replaces that date, and still closes that task (B35-F)`, async () => {
      const files = reviewAndCall();
      // The line now reads as the call's task ticked today; the call's line still stands open.
      const h = await tickedBothWays(files, "- [ ] Send the contract ✅ 2025-06-01", "- [x] Send the contract ✅ 2025-06-20", how, REVIEW);
      expect(h.read(REVIEW)).toBe("Review with [[Acme]].\n\n- [x] Send the contract ✅ 2025-06-01\n");
      expect(h.read(CALL)).toBe("Call with [[Acme]].\n\n- [ ] Send the contract\n");
      expect(h.read(ACME)).toContain("## Open Tasks\n\n- [ ] Send the plan\n- [ ] Send the contract\n\n## Account Status");
    });

    it(`${where}: the Tasks plugin's tick on a task without a date, the day another task's own date names, closes the one ticked (B35-F)`, async () => {
      const files = reviewAndCall();
      // The line now reads as the review's task; the review's line still stands open.
      const h = await tickedBothWays(files, "- [ ] Send the contract", "- [x] Send the contract ✅ 2025-06-01", how, CALL);
      expect(h.read(REVIEW)).toBe("Review with [[Acme]].\n\n- [ ] Send the contract ✅ 2025-06-01\n");
      expect(h.read(CALL)).toBe("Call with [[Acme]].\n\n- [x] Send the contract\n");
      expect(h.read(ACME)).toContain("## Open Tasks\n\n- [ ] Send the plan\n- [ ] Send the contract ✅ 2025-06-01\n\n## Account Status");
    });

    it(`${where}: both tasks, with and without a done date, ticked by the Tasks plugin before a save read alike, and both close (B35-H)`, async () => {
      const files = crmVault();
      const review = "Meetings/2025-09-01 - Acme review.md";
      const call = "Meetings/2025-09-02 - Acme call.md";
      files[review] = "Review with [[Acme]].\n\n- [ ] Send the contract ✅ 2025-06-01\n";
      files[call] = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
      const from = "- [ ] Send the contract\n- [ ] Send the contract ✅ 2025-06-01";
      const h = await tickedBothWays(files, from, "- [x] Send the contract ✅ 2025-06-20\n- [x] Send the contract ✅ 2025-06-20", how, review);
      expect(h.read(review)).toBe("Review with [[Acme]].\n\n- [x] Send the contract ✅ 2025-06-01\n");
      expect(h.read(call)).toBe("Call with [[Acme]].\n\n- [x] Send the contract\n");
      expect(h.read(ACME)).toContain("## Open Tasks\n\n- [ ] Send the plan\n\n## Account Status");
    });
  }
});

describe("source links off: a Tasks tick stamped with the plugin's day, the page alone cannot tell which task it is (B36-A, B36-E)", () => {
  for (const how of ["editor", "closed", "both open"] as const) {
    const where = { editor: "the page open in an editor", closed: "the page not open", "both open": "the page and the task's note open" }[how];
    it(`${where}: a task whose own date is that day, its line deleted, and the other's line ticked that day: neither closes, as the CLI writes it`, async () => {
      // B36-A's second case through refresh on save: the day is the plugin's (2026-01-01), as the CLI's --today.
      const files = crmVault();
      files[REVIEW] = "Review with [[Acme]].\n\n- [ ] Send the contract ✅ 2026-01-01\n";
      files[CALL] = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
      const h = await tickedBothWays(files, "- [ ] Send the contract\n- [ ] Send the contract ✅ 2026-01-01", "- [x] Send the contract ✅ 2026-01-01", how, CALL);
      expect(h.read(REVIEW)).toBe(files[REVIEW]);
      expect(h.read(CALL)).toBe(files[CALL]);
      expect(h.read(ACME)).toContain("## Open Tasks\n\n- [ ] Send the plan\n- [ ] Send the contract\n- [ ] Send the contract ✅ 2026-01-01\n\n## Account Status");
    });
  }
});

describe("source links off: a tick kept on the page while its note cannot be read", () => {
  it("a task whose own text ends in a done date stays ticked on the page, no other task closed, and goes back once the note can be read", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const files = reviewAndCall();
    const { h, plugin } = await startPlugin(files, SETTINGS);
    await plugin.regenerateAll();
    await h.settle();
    const openTasks = (): string => h.read(ACME).split("## Open Tasks\n\n")[1]!.split("## Account Status")[0]!;
    expect(openTasks()).toBe("- [ ] Send the plan\n- [ ] Send the contract\n- [ ] Send the contract ✅ 2025-06-01\n\n");
    h.failReads(REVIEW, "EIO");
    const editor = (await h.openFile(ACME)).editor;
    const line = editor.getValue().split("\n").indexOf("- [ ] Send the contract ✅ 2025-06-01");
    editor.replaceRange("x", { line, ch: 3 }, { line, ch: 4 });
    await h.settle();
    // The page's own line is read whole: the tick stays on it, and the call's task is not closed.
    expect(openTasks()).toBe("- [ ] Send the plan\n- [ ] Send the contract\n- [x] Send the contract ✅ 2025-06-01\n\n");
    expect(h.read(CALL)).toBe("Call with [[Acme]].\n\n- [ ] Send the contract\n");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${REVIEW}: cannot be read (EIO: i/o error, read); 1 task(s) left unticked`,
    ]);
    // Readable again, and changed (Sync): its change refreshes the page, and the kept tick goes back.
    h.allowReads(REVIEW);
    await h.modifyExternally(REVIEW, "Review with [[Acme]].\n\n- [ ] Send the contract ✅ 2025-06-01\n\nSigned.\n");
    await h.settle();
    expect(h.read(REVIEW)).toBe("Review with [[Acme]].\n\n- [x] Send the contract ✅ 2025-06-01\n\nSigned.\n");
    expect(h.read(CALL)).toBe("Call with [[Acme]].\n\n- [ ] Send the contract\n");
    expect(openTasks()).toBe("- [ ] Send the plan\n- [ ] Send the contract\n\n");
    expect(editor.getValue()).toBe(h.read(ACME));
  });
});
