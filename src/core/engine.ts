// What a host (the CLI or the plugin) calls to regenerate one customer page.
import { formatDate, type NoteDate } from "./dates";
import { findFrontmatter, parseFrontmatter } from "./frontmatter";
import { buildPageModel, renderBodies, statusRows, type PageModel } from "./page";
import { SECTION_IDS, type SectionId } from "./settings";
import { splicePage, type SpliceResult } from "./splice";
import { crAsLf } from "./text";
import type { VaultIndex } from "./vault-index";

export interface RenderedPage {
  text: string;
  model: PageModel;
  warnings: string[];
}

/** The new text of a customer page, given its current text. */
export function renderPage(index: VaultIndex, customerPath: string, pageText: string, today: NoteDate): RenderedPage {
  const model = buildPageModel(index, customerPath, today);
  const lastContact = formatDate(model.lastContact);
  const splice = (): SpliceResult => {
    const all = renderBodies(model, index);
    const bodies: Partial<Record<SectionId, string[]>> = {};
    for (const id of SECTION_IDS) if (index.settings.managedSections[id]) bodies[id] = all[id];
    return splicePage(pageText, bodies, index.settings, lastContact);
  };
  let result = splice();
  // Account Status shows the frontmatter as the page is written. The model's rows come from the
  // frontmatter the index parsed; they stand when the page's is that very text. It is not when
  // setting last_contact changed a row (one for last_contact itself, or a key that is an alias of
  // its anchor: shown only on the next run, that run would change the page again), nor when the
  // text regenerated is not the text indexed (the plugin reads an open page from its editor, with
  // frontmatter typed and not saved yet): the rows are then read from the page's own. The CLI's
  // page is the text it indexed, so a page whose last_contact stays is not parsed a second time.
  const customer = index.note(customerPath);
  const indexed = customer?.kind === "customer" ? customer.fmText : undefined;
  if (index.settings.managedSections.accountStatus && yamlOf(result.text) !== indexed) {
    const rows = statusRows({ fm: parseFrontmatter(crAsLf(result.text)).data }, index.settings);
    if (!sameRows(rows, model.accountStatus)) {
      model.accountStatus = rows;
      result = splice();
    }
  }
  return { text: result.text, model, warnings: result.warnings };
}

/**
 * A customer page's Account Status rows as `text` holds it (an editor's, frontmatter typed and not
 * saved yet), or null when its frontmatter is the very text the index parsed: the index's rows stand.
 */
export function statusRowsOfText(index: VaultIndex, customerPath: string, text: string): Array<[string, string]> | null {
  const customer = index.note(customerPath);
  if (yamlOf(text) === (customer?.kind === "customer" ? customer.fmText : undefined)) return null;
  return statusRows({ fm: parseFrontmatter(crAsLf(text)).data }, index.settings);
}

/**
 * The YAML between a text's frontmatter fences, or null when it has none: read as parseNote reads
 * a page (crAsLf), so that it is the index's fmText for the text the index read. Read as it is, a
 * page with lone CRs (`---\r…`, an editor holding the file's CRs) gave no frontmatter, or another
 * one, and the panel showed no status for it while the page was open (B41-E).
 */
export function yamlOf(text: string): string | null {
  const lf = crAsLf(text);
  const block = findFrontmatter(lf);
  return block === null ? null : lf.slice(block.yamlStart, block.yamlEnd);
}

function sameRows(a: ReadonlyArray<readonly [string, string]>, b: ReadonlyArray<readonly [string, string]>): boolean {
  return a.length === b.length && a.every(([k, v], i) => k === b[i]![0] && v === b[i]![1]);
}
