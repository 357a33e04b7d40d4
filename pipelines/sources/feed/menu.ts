/**
 * An account's menu (自定义菜单): configured as `[{name, url}]`, or read from the platform's own
 * export — WeChat's `get_current_selfmenu_info` JSON (`selfmenu_info.button[]`, each a `view` with a
 * url or a `sub_button.list`). Only link entries are kept: a menu that opens a mini program or sends
 * a keyword has nothing to fetch.
 */
import { readFileSync } from 'node:fs';

export interface MenuEntry {
  name: string;
  url: string;
}

interface WechatButton {
  name?: string;
  type?: string;
  url?: string;
  sub_button?: { list?: WechatButton[] } | WechatButton[];
}

function flatten(buttons: readonly WechatButton[], parent = ''): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const b of buttons) {
    const name = parent ? `${parent} › ${b.name ?? ''}` : (b.name ?? '');
    if (b.url && /^https?:\/\//i.test(b.url)) out.push({ name, url: b.url });
    const subs = Array.isArray(b.sub_button) ? b.sub_button : (b.sub_button?.list ?? []);
    out.push(...flatten(subs, name));
  }
  return out;
}

/** The link entries of a WeChat menu export; an error names the file and what is wrong. */
export function readMenuExport(file: string): MenuEntry[] {
  let doc: { selfmenu_info?: { button?: WechatButton[] }; button?: WechatButton[]; menu?: { button?: WechatButton[] } };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch (e) {
    throw new Error(`${file}: menu export not read: ${(e as Error).message}`);
  }
  const buttons = doc.selfmenu_info?.button ?? doc.menu?.button ?? doc.button;
  if (!Array.isArray(buttons)) throw new Error(`${file}: no menu buttons (expected selfmenu_info.button[] or menu.button[])`);
  return flatten(buttons);
}
