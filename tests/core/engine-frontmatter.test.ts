// Account Status is made from the frontmatter of the very text being regenerated: the page's text
// as the host read it (the plugin: an open editor's, with frontmatter typed and not saved yet), not
// only the text the index parsed. The CLI's page text is the text it indexed: then the index's
// parse is reused, and the frontmatter is not parsed a second time.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import * as frontmatter from "../../src/core/frontmatter";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

vi.mock("../../src/core/frontmatter", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/core/frontmatter")>();
  return { ...original, parseFrontmatter: vi.fn(original.parseFrontmatter) };
});

const TODAY = parseIsoDay("2025-11-01")!;
const ACME = "Customers/Acme.md";
const page = (fm: string[]): string =>
  [
    "---",
    ...fm,
    "---",
    "# Acme",
    "",
    "## Recent Context",
    "",
    "- 2025-10-22: [[2025-10-22 - Kickoff]] - Kickoff with Acme.",
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Status** | Active |",
    "| **Last contact** | 2025-10-22 |",
    "",
  ].join("\n");
const SAVED = page(["type: customer", "status: Active", "last_contact: 2025-10-22"]);

function build(): VaultIndex {
  return VaultIndex.build(
    [
      { path: ACME, text: SAVED },
      { path: "Meetings/2025-10-22 - Kickoff.md", text: "Kickoff with [[Acme]].\n" },
    ],
    DEFAULT_SETTINGS,
  );
}

const parses = vi.mocked(frontmatter.parseFrontmatter);

beforeEach(() => {
  parses.mockClear();
});

describe("Account Status from the page's own frontmatter", () => {
  it("the text indexed: the page stays as it is, and its frontmatter is not parsed again", () => {
    const index = build();
    parses.mockClear();
    expect(renderPage(index, ACME, SAVED, TODAY).text).toBe(SAVED);
    expect(parses).not.toHaveBeenCalled();
  });

  it("a text whose frontmatter is not the one indexed (typed, not saved): the rows are that frontmatter's", () => {
    const index = build();
    const typed = page(["type: customer", "status: Churned", "tier: Gold", "last_contact: 2025-10-22"]);
    const out = renderPage(index, ACME, typed, TODAY).text;
    expect(out).toBe(typed.replace("| **Status** | Active |", "| **Status** | Churned |\n| **Tier** | Gold |"));
    // Rendered again from its own text, the page does not change.
    expect(renderPage(index, ACME, out, TODAY).text).toBe(out);
  });

  it("frontmatter removed in the text: no rows but the last contact, and last_contact is set in a new frontmatter", () => {
    const index = build();
    const bare = SAVED.slice(SAVED.indexOf("# Acme"));
    const out = renderPage(index, ACME, bare, TODAY).text;
    expect(out.startsWith("---\nlast_contact: 2025-10-22\n---\n# Acme\n")).toBe(true);
    expect(out).toContain("| Field | Value |\n|-------|-------|\n| **Last contact** | 2025-10-22 |\n");
    expect(out).not.toContain("| **Status** |");
  });
});
