import type { App } from "./app";
import type { Editor } from "./editor";
import type { Hotkey } from "./keymap";
import { Platform } from "./platform";
import { scheduler } from "./scheduler";
import type { MarkdownFileInfo, MarkdownView } from "./views";

export interface Command {
  id: string;
  name: string;
  icon?: string;
  mobileOnly?: boolean;
  repeatable?: boolean;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCallback?: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => unknown;
  editorCheckCallback?: (checking: boolean, editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => boolean | void;
  hotkeys?: Hotkey[];
}

function track(result: unknown): void {
  if (result instanceof Promise) scheduler.track(result);
}

/**
 * The app's command registry (`app.commands` in Obsidian, not in the public typings). Running a
 * command follows the command palette: the most specific callback wins (editorCheckCallback,
 * editorCallback, checkCallback, callback); check callbacks are asked with `checking = true`
 * first and only run with `false` if they answered truthy; editor callbacks need an active editor.
 */
export class Commands {
  commands: Record<string, Command> = {};

  constructor(private readonly app: App) {}

  addCommand(command: Command): void {
    this.commands[command.id] = command;
  }

  removeCommand(id: string): void {
    delete this.commands[id];
  }

  findCommand(id: string): Command | undefined {
    return this.commands[id];
  }

  listCommands(): Command[] {
    return Object.values(this.commands);
  }

  /** Whether the palette would offer the command right now. */
  isAvailable(command: Command): boolean {
    if (command.mobileOnly && !Platform.isMobile) return false;
    return this.run(command, true);
  }

  executeCommandById(id: string): boolean {
    const command = this.commands[id];
    return command ? this.executeCommand(command) : false;
  }

  executeCommand(command: Command): boolean {
    if (command.mobileOnly && !Platform.isMobile) return false;
    if (!this.run(command, true)) return false;
    this.run(command, false);
    return true;
  }

  private run(command: Command, checking: boolean): boolean {
    if (command.editorCheckCallback || command.editorCallback) {
      const info = this.app.workspace.activeEditor;
      const editor = info?.editor;
      if (!info || !editor) return false;
      if (command.editorCheckCallback) return !!command.editorCheckCallback(checking, editor, info);
      if (!checking) track(command.editorCallback?.(editor, info));
      return true;
    }
    if (command.checkCallback) return !!command.checkCallback(checking);
    if (command.callback) {
      if (!checking) track(command.callback());
      return true;
    }
    return false;
  }
}
