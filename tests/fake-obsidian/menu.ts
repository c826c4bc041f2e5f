import { Component } from "./component";

export interface MenuPositionDef {
  x: number;
  y: number;
  width?: number;
  overlap?: boolean;
  left?: boolean;
}

/** Menus currently shown, newest last, so tests can pick an item like a user would. */
export const shownMenus: Menu[] = [];

export class MenuItem {
  /** @internal */ title = "";
  /** @internal */ icon: string | null = null;
  /** @internal */ checked: boolean | null = null;
  /** @internal */ disabled = false;
  /** @internal */ isLabel = false;
  /** @internal */ section = "";
  /** @internal */ callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;

  private constructor() {}

  /** @internal Obsidian's constructor is private to plugins; the menu creates items. */
  static create(): MenuItem {
    return new MenuItem();
  }

  setTitle(title: string | DocumentFragment): this {
    this.title = typeof title === "string" ? title : (title.textContent ?? "");
    return this;
  }

  setIcon(icon: string | null): this {
    this.icon = icon;
    return this;
  }

  setChecked(checked: boolean | null): this {
    this.checked = checked;
    return this;
  }

  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }

  setIsLabel(isLabel: boolean): this {
    this.isLabel = isLabel;
    return this;
  }

  onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.callback = callback;
    return this;
  }

  setSection(section: string): this {
    this.section = section;
    return this;
  }
}

export class MenuSeparator {}

export class Menu extends Component {
  /** @internal */ items: (MenuItem | MenuSeparator)[] = [];
  /** @internal */ shown = false;
  private hideCallbacks: (() => unknown)[] = [];

  constructor() {
    super();
  }

  setNoIcon(): this {
    return this;
  }

  setUseNativeMenu(_useNativeMenu: boolean): this {
    return this;
  }

  addItem(cb: (item: MenuItem) => unknown): this {
    const item = MenuItem.create();
    cb(item);
    this.items.push(item);
    return this;
  }

  addSeparator(): this {
    this.items.push(new MenuSeparator());
    return this;
  }

  showAtMouseEvent(_evt: MouseEvent): this {
    return this.show();
  }

  showAtPosition(_position: MenuPositionDef, _doc?: Document): this {
    return this.show();
  }

  hide(): this {
    if (!this.shown) return this;
    this.shown = false;
    const i = shownMenus.indexOf(this);
    if (i !== -1) shownMenus.splice(i, 1);
    this.unload();
    for (const cb of this.hideCallbacks) cb();
    return this;
  }

  close(): void {
    this.hide();
  }

  onHide(callback: () => unknown): void {
    this.hideCallbacks.push(callback);
  }

  private show(): this {
    this.shown = true;
    shownMenus.push(this);
    this.load();
    return this;
  }
}
