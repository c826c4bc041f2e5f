// @vitest-environment happy-dom
// Who is related, as refresh on save updates it: a customer's name wrapped over a quote's or a
// callout's lines, two links in one element of a customer's contacts, a categories entry holding
// two links. After each edit — typed in an editor and saved by Obsidian, or written while the note
// is not open — every markdown file is what one CLI run makes of the same files, and the plugin's
// index knows the customers a fresh build does.
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { applyToEditor } from "../../src/plugin/editor-apply";
import { StatusView } from "../../src/plugin/status-view";
import { cliVault, crmVault, markdownOf, startPlugin } from "./setup";

type How = "editor" | "closed";
const ACME = "Customers/Acme.md";

const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

/**
 * The plugin regenerates `files`; then `path` becomes `edit` of what it holds — typed in its editor
 * (the account-status panel open beside it) and saved by Obsidian, or written while it is not open —
 * and refresh on save runs. At both steps every markdown file is what the CLI makes of the same
 * files. Returns the vault's markdown files and, with an editor, the panel.
 */
async function editedBothWays(files: Record<string, string>, path: string, edit: (text: string) => string, how: How) {
  const { h, plugin } = await startPlugin(files);
  await plugin.regenerateAll();
  await h.settle();
  const first = await cliVault(files, {});
  expect(markdownOf(h, first.keys())).toEqual(first);

  const old = first.get(path)!;
  const edited = edit(old);
  expect(edited).not.toBe(old);
  let panel: HTMLElement | null = null;
  if (how === "editor") {
    const editor = (await h.openFile(path)).editor;
    await plugin.openPanel();
    await h.settle();
    panel = (h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView).contentEl;
    expect(applyToEditor(editor, old, edited)).toBe(true);
    await h.settle();
    expect(editor.getValue()).toBe(h.read(path));
  } else {
    await h.modifyExternally(path, edited);
    await h.settle();
  }
  const second = await cliVault({ ...Object.fromEntries(first), [path]: edited }, {});
  const vault = markdownOf(h, second.keys());
  expect(vault).toEqual(second);
  const fresh = VaultIndex.build([...vault].map(([p, text]) => ({ path: p, text })), DEFAULT_SETTINGS);
  expect(plugin.indexer.latest!.customerPaths()).toEqual(fresh.customerPaths());
  return { vault, panel };
}

describe("refresh on save: a customer's name wrapped over the lines of a quote or a callout is a mention", () => {
  const BIG_BLUE = "Customers/Big Blue.md";
  const WEEKLY = "Meetings/2025-11-03 - Weekly.md";
  const files = (): Record<string, string> => ({
    ...crmVault(),
    [BIG_BLUE]: "---\ntype: customer\n---\n# Big Blue\n",
    [WEEKLY]: "Weekly notes.\n",
  });
  const page = (recent: string, facts = ""): string =>
    `---\ntype: customer\nlast_contact: 2025-11-03\n---\n# Big Blue\n\n## Recent Context\n\n${recent}\n\n${facts}` +
    "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Last contact** | 2025-11-03 |\n";

  for (const how of ["editor", "closed"] as const) {
    it(`${how === "editor" ? "typed in the meeting's editor" : "written to the meeting, not open"}: a callout`, async () => {
      const { vault, panel } = await editedBothWays(files(), WEEKLY, (t) => `${t}\n> [!note] Summary\n> Signed with Big\n> Blue today.\n`, how);
      expect(vault.get(WEEKLY)).toBe("Weekly notes.\n\n> [!note] Summary\n> Signed with Big\n> Blue today.\n");
      expect(vault.get(BIG_BLUE)).toBe(page("- 2025-11-03: [[2025-11-03 - Weekly]] - Weekly notes."));
      if (panel) expect(texts(panel, ".cp-name")).toEqual(["Big Blue"]);
    });

    it(`${how === "editor" ? "typed in the meeting's editor" : "written to the meeting, not open"}: a nested quote`, async () => {
      const { vault, panel } = await editedBothWays(files(), WEEKLY, (t) => `${t}\n> > Met Big\n> > Blue.\n`, how);
      expect(vault.get(WEEKLY)).toBe("Weekly notes.\n\n> > Met Big\n> > Blue.\n");
      expect(vault.get(BIG_BLUE)).toBe(page("- 2025-11-03: [[2025-11-03 - Weekly]] - Weekly notes."));
      if (panel) expect(texts(panel, ".cp-name")).toEqual(["Big Blue"]);
    });

    it(`${how === "editor" ? "typed in the meeting's editor" : "written to the meeting, not open"}: a Key Facts callout, its item harvested`, async () => {
      const { vault, panel } = await editedBothWays(files(), WEEKLY, (t) => `${t}\n> [!note] Key Facts\n> - Signed with Big\n>   Blue today\n`, how);
      expect(vault.get(WEEKLY)).toBe("Weekly notes.\n\n> [!note] Key Facts\n> - Signed with Big\n>   Blue today\n");
      expect(vault.get(BIG_BLUE)).toBe(
        page("- 2025-11-03: [[2025-11-03 - Weekly]] - Weekly notes.", "## Key Facts\n\n- Signed with Big Blue today ([[2025-11-03 - Weekly]])\n\n"),
      );
      if (panel) expect(texts(panel, ".cp-name")).toEqual(["Big Blue"]);
    });
  }
});

describe("refresh on save: every link in an element of a customer's contacts lists its person", () => {
  const CID_CALL = "Meetings/2025-11-04 - Cid call.md";
  const files = (contacts: string): Record<string, string> => {
    const f = crmVault();
    f[ACME] = f[ACME]!.replace("status: Active\n", `status: Active\n${contacts}\n`);
    f["People/Cid.md"] = "---\nrole: Engineer\n---\n";
    f[CID_CALL] = "Call with [[Cid]].\n\n- [ ] Send Cid the specs\n";
    return f;
  };
  // Acme's page as both make it, Cid among its contacts or not.
  const withCid = (contacts: string): string =>
    `---\ntype: customer\nstatus: Active\n${contacts}\nlast_contact: 2025-11-04\n---\n# Acme\n\nManual intro.\n\n` +
    "## Recent Context\n\n- 2025-11-04: [[2025-11-04 - Cid call]] - Call with Cid. (via Cid)\n- 2025-10-01: [[2025-10-01 - Acme kickoff]] - Kickoff with Ann Lee.\n\n" +
    "## Key Facts\n\n- Acme runs two sites ([[2025-10-01 - Acme kickoff]])\n\n" +
    "## Open Tasks\n\n- [ ] Send Cid the specs ([[2025-11-04 - Cid call]])\n- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n\n" +
    "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Status** | Active |\n| **Last contact** | 2025-11-04 |\n\n" +
    // Cid first: the newest related note links him (§7).
    "## Key Contacts\n\n- [[Cid]]\n- [[Ann Lee]]\n\n" +
    "## Collaborators\n\n| Person | Role | Company |\n|--------|------|---------|\n| [[Ann Lee]] | CTO | Acme |\n| [[Cid]] | Engineer |  |\n\n" +
    "## Related People\n\n- [[Ann Lee]]\n- [[Cid]]\n\n## Notes\n\nMine.\n";
  const withoutCid = (contacts: string): string =>
    `---\ntype: customer\nstatus: Active\n${contacts}\nlast_contact: 2025-10-01\n---\n# Acme\n\nManual intro.\n\n` +
    "## Recent Context\n\n- 2025-10-01: [[2025-10-01 - Acme kickoff]] - Kickoff with Ann Lee.\n\n" +
    "## Key Facts\n\n- Acme runs two sites ([[2025-10-01 - Acme kickoff]])\n\n" +
    "## Open Tasks\n\n- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n\n" +
    "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Status** | Active |\n| **Last contact** | 2025-10-01 |\n\n" +
    "## Key Contacts\n\n- [[Ann Lee]]\n\n" +
    "## Collaborators\n\n| Person | Role | Company |\n|--------|------|---------|\n| [[Ann Lee]] | CTO | Acme |\n\n" +
    "## Related People\n\n- [[Ann Lee]]\n\n## Notes\n\nMine.\n";

  for (const how of ["editor", "closed"] as const) {
    const where = how === "editor" ? "typed in the page's editor" : "written to the page, not open";
    it(`${where}: one link becomes two in one text property, and back`, async () => {
      const one = 'contacts: "[[Ann Lee]]"';
      const two = 'contacts: "[[Ann Lee]], [[Cid]]"';
      let { vault, panel } = await editedBothWays(files(one), ACME, (t) => t.replace(one, two), how);
      expect(vault.get(ACME)).toBe(withCid(two));
      if (panel) {
        expect(texts(panel, ".cp-contacts a")).toEqual(["Cid", "Ann Lee"]);
        expect(texts(panel, ".cp-recent a")).toEqual(["2025-11-04 - Cid call", "2025-10-01 - Acme kickoff"]);
      }
      ({ vault, panel } = await editedBothWays(files(two), ACME, (t) => t.replace(two, one), how));
      expect(vault.get(ACME)).toBe(withoutCid(one));
      if (panel) {
        expect(texts(panel, ".cp-contacts a")).toEqual(["Ann Lee"]);
        expect(texts(panel, ".cp-recent a")).toEqual(["2025-10-01 - Acme kickoff"]);
      }
    });

    it(`${where}: a list element with text after its link`, async () => {
      const one = 'contacts:\n  - "[[Ann Lee]]"';
      const two = 'contacts:\n  - "[[Ann Lee]]"\n  - "[[Cid]] (engineer)"';
      const { vault, panel } = await editedBothWays(files(one), ACME, (t) => t.replace(one, two), how);
      expect(vault.get(ACME)).toBe(withCid(two));
      if (panel) expect(texts(panel, ".cp-contacts a")).toEqual(["Cid", "Ann Lee"]);
    });
  }
});

describe("refresh on save: a categories entry holding two links makes a customer", () => {
  const INITECH = "Notes/Initech.md";
  const DEMO = "Meetings/2025-11-05 - Initech demo.md";
  const files = (): Record<string, string> => ({ ...crmVault(), [INITECH]: "# Initech\n", [DEMO]: "Demo for Initech.\n\n- [ ] Send the slides\n" });
  const page = (frontmatter: string): string =>
    `---\n${frontmatter}\nlast_contact: 2025-11-05\n---\n# Initech\n\n` +
    "## Recent Context\n\n- 2025-11-05: [[2025-11-05 - Initech demo]] - Demo for Initech.\n\n" +
    "## Open Tasks\n\n- [ ] Send the slides ([[2025-11-05 - Initech demo]])\n\n" +
    "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Last contact** | 2025-11-05 |\n";

  for (const how of ["editor", "closed"] as const) {
    const where = how === "editor" ? "typed in the note's editor" : "written to the note, not open";
    for (const categories of ['categories: "[[Companies]], [[Customers]]"', 'categories:\n  - "[[Companies]], [[Customers]]"', 'categories: "see [[Customers]]"']) {
      it(`${where}: ${JSON.stringify(categories)}`, async () => {
        const { vault, panel } = await editedBothWays(files(), INITECH, (t) => `---\n${categories}\n---\n${t}`, how);
        expect(vault.get(INITECH)).toBe(page(categories));
        expect(vault.get(DEMO)).toBe("Demo for Initech.\n\n- [ ] Send the slides\n");
        if (panel) expect(texts(panel, ".cp-name")).toEqual(["Initech"]);
      });
    }
  }
});
