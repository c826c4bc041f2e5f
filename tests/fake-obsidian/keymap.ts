import { Platform } from "./platform";

export type Modifier = "Mod" | "Ctrl" | "Meta" | "Shift" | "Alt";
export type PaneType = "tab" | "split" | "window";
export type UserEvent = MouseEvent | KeyboardEvent | TouchEvent | PointerEvent;

export interface KeymapInfo {
  modifiers: string | null;
  key: string | null;
}
export interface KeymapContext extends KeymapInfo {
  vkey: string;
}
export type KeymapEventListener = (evt: KeyboardEvent, ctx: KeymapContext) => false | unknown;
export interface KeymapEventHandler extends KeymapInfo {
  scope: Scope;
}
export interface Hotkey {
  modifiers: Modifier[];
  key: string;
}

interface Handler extends KeymapEventHandler {
  func: KeymapEventListener;
}

export class Scope {
  /** @internal */ parent: Scope | undefined;
  /** @internal */ keys: Handler[] = [];

  constructor(parent?: Scope) {
    this.parent = parent;
  }

  register(modifiers: Modifier[] | null, key: string | null, func: KeymapEventListener): KeymapEventHandler {
    const handler: Handler = { scope: this, modifiers: modifiers ? modifiers.join(",") : null, key, func };
    this.keys.push(handler);
    return handler;
  }

  unregister(handler: KeymapEventHandler): void {
    const i = this.keys.indexOf(handler as Handler);
    if (i !== -1) this.keys.splice(i, 1);
  }

  /** @internal Dispatches a key to this scope, then its parents; false means a handler took it. */
  handleKey(evt: KeyboardEvent, ctx: KeymapContext): unknown {
    for (const h of this.keys) {
      const modsMatch = h.modifiers === null || h.modifiers === ctx.modifiers;
      const keyMatch = h.key === null || h.key === ctx.key;
      if (modsMatch && keyMatch) {
        const result = h.func(evt, ctx);
        if (result === false) evt.preventDefault?.();
        return result;
      }
    }
    return this.parent?.handleKey(evt, ctx);
  }
}

export class Keymap {
  /** @internal */ scopes: Scope[] = [];

  pushScope(scope: Scope): void {
    this.popScope(scope);
    this.scopes.push(scope);
  }

  popScope(scope: Scope): void {
    const i = this.scopes.indexOf(scope);
    if (i !== -1) this.scopes.splice(i, 1);
  }

  static isModifier(evt: MouseEvent | TouchEvent | KeyboardEvent, modifier: Modifier): boolean {
    const e = evt as KeyboardEvent;
    switch (modifier) {
      case "Mod":
        return Platform.isMacOS ? !!e.metaKey : !!e.ctrlKey;
      case "Ctrl":
        return !!e.ctrlKey;
      case "Meta":
        return !!e.metaKey;
      case "Shift":
        return !!e.shiftKey;
      case "Alt":
        return !!e.altKey;
    }
  }

  static isModEvent(evt?: UserEvent | null): PaneType | boolean {
    if (!evt) return false;
    const mod = Keymap.isModifier(evt, "Mod");
    const alt = Keymap.isModifier(evt, "Alt");
    const shift = Keymap.isModifier(evt, "Shift");
    if (mod && alt && shift) return "window";
    if (mod && alt) return "split";
    if (mod) return "tab";
    if ((evt as MouseEvent).button === 1) return "tab";
    return false;
  }
}
