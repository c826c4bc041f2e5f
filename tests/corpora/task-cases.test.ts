// Every case of corpora/task-cases.json: which lines are list items and tasks, with which parent.
import { describe, expect, it } from "vitest";
import { findFrontmatter } from "../../src/core/frontmatter";
import { scanMarkdown } from "../../src/core/markdown";
import { readJson } from "../helpers/corpora";

interface TaskCase {
  id: string;
  oracle: string;
  markdown: string;
  expected_tasks: Array<{ line: number; status: string; parent_line: number | null }>;
  expected_non_task_list_items?: Array<{ line: number; parent_line: number | null }>;
}

/** Where we deliberately differ from a recorded case, the items we expect instead, and why. */
const NON_TASK_DIVERGENCES: Record<string, { items: Array<{ line: number; parent_line: number | null }>; reason: string }> = {
  "obs-numbered_tasks_issue_3481": {
    items: [],
    reason:
      "Obsidian also reports `1.` after `- [ ] ` as a nested list item on the same line; CommonMark (and §6) reads it as the task's text, so no second item",
  },
};

const cases = readJson<TaskCase[]>("task-cases.json");

function scan(markdown: string) {
  const fm = findFrontmatter(markdown);
  return scanMarkdown(markdown, fm ? fm.end : 0);
}

/** Obsidian's `parent`: a line for a nested item, minus the list's first line for a root item. */
function parentLine(parent: number): number | null {
  return parent < 0 ? null : parent;
}

describe("task-cases.json", () => {
  it("has the cases the corpus README announces", () => {
    expect(cases.length).toBe(44);
    expect(cases.reduce((n, c) => n + c.expected_tasks.length, 0)).toBe(82);
  });

  for (const c of cases) {
    it(`${c.id} (${c.oracle})`, () => {
      const { items } = scan(c.markdown);
      const tasks = items.filter((i) => i.task !== null).map((i) => ({ line: i.line, status: i.task, parent_line: parentLine(i.parent) }));
      expect(tasks).toEqual(c.expected_tasks.map((t) => ({ line: t.line, status: t.status, parent_line: t.parent_line })));
      if (c.expected_non_task_list_items) {
        const plain = items.filter((i) => i.task === null).map((i) => ({ line: i.line, parent_line: parentLine(i.parent) }));
        const want = NON_TASK_DIVERGENCES[c.id]?.items ?? c.expected_non_task_list_items;
        expect(plain).toEqual(want.map((t) => ({ line: t.line, parent_line: t.parent_line })));
      }
    });
  }
});
