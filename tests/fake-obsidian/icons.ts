import { activeDoc } from "./dom";

export type IconName = string;

export interface TooltipOptions {
  placement?: "bottom" | "right" | "left" | "top";
  classes?: string[];
  gap?: number;
  delay?: number;
}

/** Icons added by plugins; any other id is treated as one of Obsidian's built-in (Lucide) icons. */
export const customIcons = new Map<string, string>();

export function addIcon(iconId: string, svgContent: string): void {
  customIcons.set(iconId, svgContent);
}

export function removeIcon(iconId: string): void {
  customIcons.delete(iconId);
}

export function getIconIds(): IconName[] {
  return [...customIcons.keys()];
}

export function getIcon(iconId: string): SVGSVGElement | null {
  if (!iconId) return null;
  const svg = activeDoc().createElementNS("http://www.w3.org/2000/svg", "svg") as SVGSVGElement;
  svg.setAttribute("class", `svg-icon ${iconId.startsWith("lucide-") ? iconId : `lucide-${iconId}`}`);
  svg.setAttribute("data-icon", iconId);
  svg.setAttribute("viewBox", "0 0 100 100");
  const custom = customIcons.get(iconId);
  if (custom !== undefined) svg.innerHTML = custom;
  return svg;
}

export function setIcon(parent: HTMLElement, iconId: IconName): void {
  const svg = getIcon(iconId);
  if (!svg) return;
  parent.empty();
  parent.appendChild(svg);
}

export function setTooltip(el: HTMLElement, tooltip: string, options?: TooltipOptions): void {
  el.setAttribute("aria-label", tooltip);
  if (options?.placement) el.setAttribute("data-tooltip-position", options.placement);
}

export function displayTooltip(newTargetEl: HTMLElement, content: string | DocumentFragment, options?: TooltipOptions): void {
  setTooltip(newTargetEl, typeof content === "string" ? content : (content.textContent ?? ""), options);
}
