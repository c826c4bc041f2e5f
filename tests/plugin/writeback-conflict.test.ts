// @vitest-environment happy-dom
// One task ticked with two statuses on two customers' pages (`[-]` on one, `[x]` on the other):
// in one round (Regenerate every customer page) the page read first wins, with a warning naming
// both pages; with refresh on save each page is its own round, and the later tick finds the task
// already closed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { crmVault, startPlugin } from "./setup";

const JOINT = "Meetings/2025-10-05 - Joint call.md";
const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const TASK = "Send the contract ([[2025-10-05 - Joint call]])";

function vault(): Record<string, string> {
  const files = crmVault();
  files[JOINT] = "Call with [[Acme]] and [[Globex]].\n\n- [ ] Send the contract\n";
  return files;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("one task ticked with two statuses on two pages", () => {
  it("in one round: the page read first wins, and the console names both pages and the status written", async () => {
    const { h, plugin } = await startPlugin(vault(), { refreshOnSave: false });
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [-] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    h.executeCommand("customer-pages:regenerate-all");
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [-] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [x] not written back: ${ACME} ticked the same task [-], which was written to ${JOINT} ` +
        `(the page read first wins; change it there if [x] was meant): - [x] ${TASK}`,
    ]);
    expect(h.notices()[h.notices().length - 1]).toBe("Customer pages: 2 of 2 changed, 1 warning (see the developer console).");
  });

  it("with refresh on save, a round per page: the later tick finds the task closed, and the console says with which status, and where", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Both boxes changed before either page's refresh delay ran out (Sync, or two panes).
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [-] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [-] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    // Acme's round wrote [-] before Globex's round read its page: that round cannot know which page
    // closed the task, only that it is closed, with which status, and in which note.
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [x] not written back: the task is already closed [-] in ${JOINT} ` +
        `(ticked on another page, or in the note; change it there if [x] was meant): - [x] ${TASK}`,
    ]);
  });

  it("with refresh on save, the same status on both pages: the later tick is dropped, and the console says the task is closed already, and where", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    // One CLI run would take both ticks as one and say nothing; a round per page cannot tell a
    // second tick from a stale one, so it says what it found instead of "no open task matches it".
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: tick dropped, the task is already closed [x] in ${JOINT} (ticked on another page, or in the note): - [x] ${TASK}`,
    ]);
  });
});
