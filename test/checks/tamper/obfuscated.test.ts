/**
 * Injections run through javascript-obfuscator (a generator written apart from these rules, at
 * its default, low and medium presets: string arrays, rotation, base64 string encoding, control-
 * flow flattening, dead code, self-defending code, debug protection), read by the tamper rules with the
 * script sandbox loaded. What the static reading makes of such code is only that it is obfuscated;
 * the sandbox runs it and the rules see the link, the redirect and the title it writes.
 */
import JavaScriptObfuscator from 'javascript-obfuscator';
import { createPage } from '../../../checks/page';
import { hiddenLink } from '../../../checks/tamper/hidden-link';
import { injectedScript } from '../../../checks/tamper/injected-script';
import { titleHijack } from '../../../checks/tamper/title-hijack';
import { loadScriptSandbox } from '../../../checks/tamper/sandbox';
import type { PageCheck, Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

// The strongest preset (RC4, flattening, self-defending, 70 KB a payload) runs 0.25–0.4 s in the
// sandbox on an idle machine and was found for every payload by hand, but a test under a loaded
// runner can pass the 1 s budget: it is left to the bench-like hand check, not to a timed test.
const PRESETS = ['default', 'low-obfuscation', 'medium-obfuscation'] as const;
const PAYLOADS: { name: string; code: string; rule: PageCheck; expect: RegExp }[] = [
  { name: 'a hidden link written', rule: hiddenLink, expect: /pujing88\.top/, code: `document.write('<div style="position:absolute;left:-9999px"><a href="http://www.pujing88.top/">澳门新葡京娱乐城</a></div>');` },
  {
    name: 'a hidden link built as elements', rule: hiddenLink, expect: /bet-88\.top/,
    code: `var d=document.createElement('div');d.style.display='none';var a=document.createElement('a');a.href='https://www.bet-88.top/';a.innerText='真人百家乐';d.appendChild(a);document.body.appendChild(d);`,
  },
  { name: 'a redirect of visitors from search engines', rule: injectedScript, expect: /xpj-app\.top/, code: `if(/baidu|sogou|so\\.com/.test(document.referrer)||true){setTimeout(function(){window.location.href='http://www.xpj-app.top/?f=gov';},500);}` },
  { name: 'a spam title', rule: titleHijack, expect: /六合彩/, code: `document.title='六合彩开奖结果_'+document.title;` },
];

const page = (script: string) =>
  createPage({ siteId: 't', url: 'https://www.example.gov.cn/index.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', origin: 'crawl',
    source: `<html><head><title>示范市人民政府</title></head><body><div class="nav"><a href="/">首页</a></div><p>2026-12-01 示范市召开常务会议。</p><script>${script}</script></body></html>` });

describe('injections obfuscated by javascript-obfuscator', () => {
  beforeAll(() => loadScriptSandbox());

  for (const p of PAYLOADS) {
    it.each(PRESETS)(`${p.name}, preset %s`, (preset) => {
      const code = JavaScriptObfuscator.obfuscate(p.code, { optionsPreset: preset, seed: 7 }).getObfuscatedCode();
      const found = (p.rule.run(page(code), testContext()) as Span[]).filter((s) => !s.discriminator?.startsWith('obfuscated'));
      expect(found.map((s) => s.message).join('\n')).toMatch(p.expect);
    });
  }

  it('finds nothing in the same code obfuscated when it writes the site\'s own links and title', () => {
    const code = JavaScriptObfuscator.obfuscate(`document.write('<ul><li><a href="/zwgk/">政务公开</a></li></ul>');document.title='通知公告_'+document.title;`, { optionsPreset: 'medium-obfuscation', seed: 7 }).getObfuscatedCode();
    for (const rule of [hiddenLink, titleHijack]) expect(rule.run(page(code), testContext())).toEqual([]);
  });
});
