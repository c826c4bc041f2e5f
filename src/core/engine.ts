// What a host (the CLI or the plugin) calls to regenerate one customer page.
import { formatDate, type NoteDate } from "./dates";
import { buildPageModel, renderBodies, type PageModel } from "./page";
import { SECTION_IDS, type SectionId } from "./settings";
import { splicePage } from "./splice";
import type { VaultIndex } from "./vault-index";

export interface RenderedPage {
  text: string;
  model: PageModel;
  warnings: string[];
}

/** The new text of a customer page, given its current text. */
export function renderPage(index: VaultIndex, customerPath: string, pageText: string, today: NoteDate): RenderedPage {
  const model = buildPageModel(index, customerPath, today);
  const all = renderBodies(model, index);
  const bodies: Partial<Record<SectionId, string[]>> = {};
  for (const id of SECTION_IDS) if (index.settings.managedSections[id]) bodies[id] = all[id];
  const { text, warnings } = splicePage(pageText, bodies, index.settings, formatDate(model.lastContact));
  return { text, model, warnings };
}
